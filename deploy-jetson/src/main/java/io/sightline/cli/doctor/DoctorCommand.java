package io.sightline.cli.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sightline.cli.run.ServiceFlags;
import io.sightline.perception.service.BackendIds;
import io.sightline.runtime.tensorrt.TensorRtProbe;
import io.sightline.service.config.ServiceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline doctor}: can the service run here as configured? One table, a fix for each failure. */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Check that the service can run here as configured, with a fix for each problem.",
    description = {"Checks what sightline run needs, with the same configuration and flags as run: Java, CPU,",
        "memory, the GPU and TensorRT against the preset, the camera or stream (opened, one frame read),",
        "its calibration files, the broker (connected with the configured TLS and credentials), the model",
        "pack (sha256 of every file), free disk for engines and recordings, and the clock. Prints a table",
        "(or --json) with a fix for each WARN and FAIL.",
        "Exit codes: 0 the service can run as configured (WARNs allowed), 1 a check failed, 2 usage or",
        "configuration error."})
public final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ServiceFlags flags;

    @Option(names = "--json", description = "print the checks as JSON instead of a table")
    boolean json;

    @Option(names = "--camera-wait", paramLabel = "SECONDS", description = "how long to wait for the camera's first frame (default 10)")
    int cameraWaitS = 10;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig c = flags.loadConfig();
        List<Check> checks = checks(c, Duration.ofSeconds(cameraWaitS));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(checks));
        } else {
            table(checks).forEach(out::println);
        }
        out.flush();
        return checks.stream().anyMatch(x -> x.verdict() == Verdict.FAIL) ? 1 : 0;
    }

    static List<Check> checks(ServiceConfig c, Duration cameraWait) throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        Runtime.Version v = Runtime.version();
        checks.add(HostChecks.java(v.feature(), v.toString(), System.getProperty("java.vendor", "?")));
        checks.add(HostChecks.cpu(System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), cpuModel()));
        checks.add(HostChecks.memory(totalMemory(), Runtime.getRuntime().maxMemory()));
        checks.add(ServiceChecks.accelerator(TensorRtProbe.availability(), c.model().backend(), BackendIds.gpuPresent()));
        checks.add(ServiceChecks.source(c.source(), ServiceFlags.home(), cameraWait));
        checks.add(ServiceChecks.calibration(c.source(), ServiceFlags.home(), ServiceFlags::underHome));
        checks.add(ServiceChecks.broker(c.mqtt()));
        Path pack = ServiceFlags.underHome(c.model().pack());
        checks.add(ServiceChecks.pack(pack));
        Path engines = c.model().engineCache() == null || c.model().engineCache().isBlank() ? pack.resolve("engines")
            : ServiceFlags.underHome(c.model().engineCache());
        checks.add(HostChecks.disk("engines", engines, usable(engines)));
        if (c.record().enabled()) {
            Path recordings = ServiceFlags.underHome(c.record().path()).toAbsolutePath().getParent();
            checks.add(HostChecks.disk("recordings", recordings, usable(recordings)));
        }
        checks.add(HostChecks.clock(Instant.now().truncatedTo(ChronoUnit.SECONDS), installed()));
        return checks;
    }

    /** Free space for the service at {@code dir}, or at the nearest existing folder above it; -1 when unreadable. */
    static long usable(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    static List<String> table(List<Check> checks) {
        int name = checks.stream().mapToInt(x -> x.name().length()).max().orElse(5);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-" + name + "s  %-4s  %s", "check", "", "found"));
        for (Check x : checks) {
            lines.add(String.format("%-" + name + "s  %-4s  %s", x.name(), x.verdict(), x.detail()));
            if (!x.fix().isEmpty()) {
                lines.add(" ".repeat(name + 8) + "fix: " + x.fix());
            }
        }
        long fails = checks.stream().filter(x -> x.verdict() == Verdict.FAIL).count();
        long warns = checks.stream().filter(x -> x.verdict() == Verdict.WARN).count();
        lines.add(fails == 0 ? "sightline can run as configured" + (warns == 0 ? "." : " (" + warns + " warning" + (warns == 1 ? "" : "s") + ").")
            : fails + " check" + (fails == 1 ? "" : "s") + " failed: sightline cannot run as configured.");
        return lines;
    }

    static String json(List<Check> checks) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", checks.stream().noneMatch(x -> x.verdict() == Verdict.FAIL));
        doc.put("checks", checks);
        try {
            return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    /** When this installation's code was written (its jar, or the classes folder of a checkout). */
    private static Instant installed() {
        try {
            Path code = Path.of(DoctorCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.getLastModifiedTime(code).toInstant();
        } catch (Exception e) {
            return Instant.EPOCH;
        }
    }
}

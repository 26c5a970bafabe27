package io.sightline.cli.doctor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The machine's side of {@code sightline doctor}: Java, CPU, memory, disk, clock. Pure functions of what was read. */
final class HostChecks {
    static final int MIN_JAVA = 17;
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    /** Below this the service does not start its model, broker and buffers (measured RSS 280-520 MB on the demo). */
    static final long MIN_MEMORY = GIB;
    static final long LOW_MEMORY = 2 * GIB;
    /** TensorRT engines are 10-60 MB each, recordings grow by about 1 MB/s: under this, warn. */
    static final long LOW_DISK = 2 * GIB;
    static final long MIN_DISK = 256 * MIB;

    private HostChecks() {
    }

    static Check java(int feature, String version, String vendor) {
        String what = "Java " + version + " (" + vendor + ")";
        return feature >= MIN_JAVA ? Check.ok("java", what)
            : Check.fail("java", what + ", older than " + MIN_JAVA, "install a Java " + MIN_JAVA + "+ runtime (Debian: openjdk-17-jre-headless)");
    }

    static Check cpu(String arch, int cores, String model) {
        String what = arch + ", " + cores + " core" + (cores == 1 ? "" : "s") + (model.isBlank() ? "" : ", " + model);
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return Check.fail("cpu", what, "Sightline ships natives for linux-x86_64 and linux-arm64 only");
        }
        return cores >= 2 ? Check.ok("cpu", what)
            : Check.warn("cpu", what, "one core runs capture, the model and MQTT in turn: expect a few fps; give it 2+ cores");
    }

    static Check memory(long totalBytes, long maxHeapBytes) {
        String what = gib(totalBytes) + " total, Java heap up to " + gib(maxHeapBytes);
        if (totalBytes > 0 && totalBytes < MIN_MEMORY) {
            return Check.fail("memory", what, "the service needs about 1 GiB (model, broker, buffers); free memory or use a larger machine");
        }
        if (totalBytes > 0 && totalBytes < LOW_MEMORY) {
            return Check.warn("memory", what, "under 2 GiB: close other programs, or lower the heap with JAVA_OPTS=-Xmx512m");
        }
        return Check.ok("memory", what);
    }

    /** @param usableBytes free space for this process at {@code dir}; negative when {@code dir} cannot be read */
    static Check disk(String purpose, Path dir, long usableBytes) {
        String name = "disk " + purpose;
        if (usableBytes < 0) {
            return Check.fail(name, dir + " cannot be read or created", "create " + dir + " writable by the service's user");
        }
        String what = gib(usableBytes) + " free at " + dir;
        if (usableBytes < MIN_DISK) {
            return Check.fail(name, what, "free space at " + dir + " (engines and recordings need hundreds of MB)");
        }
        return usableBytes < LOW_DISK ? Check.warn(name, what, "under 2 GiB free: recordings stop when the disk fills") : Check.ok(name, what);
    }

    /** @param installed when the installation's files were written: a clock before it is wrong */
    static Check clock(Instant now, Instant installed) {
        if (now.isBefore(installed.minus(Duration.ofDays(1)))) {
            return Check.fail("clock", "system time " + now + " is before this installation was built (" + installed + ")",
                "set the clock (timedatectl set-ntp true, or an RTC): timestamps on the wire and TLS certificates depend on it");
        }
        return Check.ok("clock", "system time " + now + " (UTC)");
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }
}

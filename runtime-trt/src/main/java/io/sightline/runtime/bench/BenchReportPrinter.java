package io.sightline.runtime.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link RuntimeBenchmark.Report} as a table a person reads in a terminal or pastes into a note. */
public final class BenchReportPrinter {
    private BenchReportPrinter() {
    }

    public static void print(RuntimeBenchmark.Report report, PrintWriter out) {
        var plan = report.plan();
        out.printf(Locale.ROOT, "runtime: %s; %d warm-up + %d timed runs per graph (ONNX Runtime: alternating between the graphs "
            + "in %d blocks), same inputs for every runtime%n", report.runtime(), plan.warmup(), plan.iterations(), plan.rounds());
        out.print("GEMM ceiling (ONNX Runtime MatMul " + plan.gemmSize() + "^3, p50):");
        for (GemmCeiling.Rate r : report.ceilings()) {
            out.printf(Locale.ROOT, "  %d thread%s %.1f GFLOP/s", r.threads(), r.threads() == 1 ? "" : "s", r.gflopPerSecond());
        }
        out.println();
        double ceiling = report.ceilings().stream().filter(r -> r.threads() == plan.threads())
            .mapToDouble(GemmCeiling.Rate::gflopPerSecond).findFirst().orElse(Double.NaN);
        out.printf(Locale.ROOT, "%n%-34s %-12s %9s %9s %9s %8s %9s %9s %10s%n",
            "graph", "runtime", "p50 ms", "p99 ms", "runs/s", "GFLOP", "GFLOP/s", "%ceiling", "speed-up");
        for (RuntimeBenchmark.Row row : report.rows()) {
            String name = row.graph().role() + " " + row.graph().path().getFileName();
            var ort = row.ort().latency();
            String gflop = row.gflop().map(g -> fmt("%.3g", g)).orElse("-");
            String rate = row.gflop().map(g -> fmt("%.1f", g / (ort.p50Ms() / 1e3))).orElse("-");
            String pct = row.gflop().map(g -> fmt("%.0f%%", 100 * g / (ort.p50Ms() / 1e3) / ceiling)).orElse("-");
            String speedup = row.speedupOverTorch().map(s -> fmt("%.2fx", s)).orElse("-");
            out.printf(Locale.ROOT, "%-34s %-12s %9.3f %9.3f %9.1f %8s %9s %9s %10s%n",
                name, "onnxruntime", ort.p50Ms(), ort.p99Ms(), ort.throughputPerSecond(), gflop, rate, pct, speedup);
            if (row.torch().isPresent()) {
                var t = row.torch().get();
                var tl = t.latency();
                String trate = row.gflop().map(g -> fmt("%.1f", g / (tl.p50Ms() / 1e3))).orElse("-");
                String tpct = row.gflop().map(g -> fmt("%.0f%%", 100 * g / (tl.p50Ms() / 1e3) / ceiling)).orElse("-");
                out.printf(Locale.ROOT, "%-34s %-12s %9.3f %9.3f %9.1f %8s %9s %9s %10s%n",
                    "", "torch " + t.torchVersion(), tl.p50Ms(), tl.p99Ms(), tl.throughputPerSecond(), gflop, trate, tpct, "1.00x");
                double rel = Math.abs(row.ort().checksum() - t.checksum()) / Math.max(1e-12, Math.abs(t.checksum()));
                if (t.fakeQuant()) {
                    out.printf("%-34s torch ran the QDQ nodes as float32 fake quantization (eager PyTorch has no int8 kernels for them)%n", "");
                }
                out.printf(Locale.ROOT, "%-34s sum|first output|: onnxruntime %.6g, torch %.6g (relative difference %.1e)%n",
                    "", row.ort().checksum(), t.checksum(), rel);
            } else {
                out.printf("%-34s %s%n", "", row.torchNote());
            }
            out.printf("%-34s inputs: %s%n", "", row.shapes());
        }
        for (RuntimeBenchmark.Row int8 : report.rows()) {
            report.rows().stream()
                .filter(fp32 -> int8.graph().role().endsWith(" int8") && fp32.graph().role().equals(int8.graph().role().replace(" int8", "")))
                .findFirst()
                .ifPresent(fp32 -> out.printf(Locale.ROOT, "%nonnxruntime speed-up of %s over %s: %.2fx (p50 %.3f ms vs %.3f ms)%n",
                    int8.graph().role(), fp32.graph().role(), fp32.ort().latency().p50Ms() / int8.ort().latency().p50Ms(),
                    int8.ort().latency().p50Ms(), fp32.ort().latency().p50Ms()));
        }
        out.println();
        out.println("speed-up = torch p50 / onnxruntime p50; runs/s = 1000 / mean ms; %ceiling = GFLOP/s over the GEMM rate at " + plan.threads()
            + " thread(s) (an FP32 rate: INT8 graphs can exceed 100%); GFLOP counts MatMul/Gemm/Conv multiply-adds x2.");
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}

package io.sightline.runtime.bench;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Times {@link InferenceSession#run} on fixed inputs after a warm-up. */
public final class SessionBenchmark {
    private SessionBenchmark() {
    }

    /** The timings, and the sum of |first output| of the first run (to compare with the torch baseline). */
    public record Measurement(LatencyStats latency, double checksum) {
    }

    public static Measurement measure(InferenceSession session, Map<String, Tensor> inputs, int warmup, int iterations) {
        return measureInterleaved(List.of(session), List.of(inputs), warmup, iterations, 1).get(0);
    }

    /**
     * Times several sessions in {@code rounds} alternating blocks of {@code iterations / rounds} runs each (at least
     * one per block), so that a slow spell of a shared machine (another job, frequency scaling) falls on every
     * session alike instead of on whichever ran during it: ratios between the sessions are then like for like.
     */
    public static List<Measurement> measureInterleaved(List<InferenceSession> sessions, List<Map<String, Tensor>> inputs,
                                                       int warmup, int iterations, int rounds) {
        if (sessions.size() != inputs.size() || rounds < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("one input map per session; rounds and iterations >= 1, warmup >= 0");
        }
        int n = sessions.size();
        double[] checksums = new double[n];
        for (int k = 0; k < n; k++) {
            checksums[k] = checksum(sessions.get(k).run(inputs.get(k)));
            for (int i = 0; i < warmup; i++) {
                sessions.get(k).run(inputs.get(k));
            }
        }
        long[][] nanos = new long[n][iterations];
        int done = 0;
        for (int r = 0; r < rounds && done < iterations; r++) {
            int block = Math.max(1, (iterations - done) / (rounds - r));
            for (int k = 0; k < n; k++) {
                for (int i = done; i < done + block; i++) {
                    long t0 = System.nanoTime();
                    sessions.get(k).run(inputs.get(k));
                    nanos[k][i] = System.nanoTime() - t0;
                }
            }
            done += block;
        }
        List<Measurement> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(new Measurement(LatencyStats.of(nanos[k]), checksums[k]));
        }
        return out;
    }

    private static double checksum(Map<String, Tensor> outputs) {
        double checksum = 0;
        Tensor out = outputs.values().iterator().next();
        if (out.type() == io.sightline.runtime.ElementType.FLOAT32) {
            var buf = out.floats();
            for (int i = 0; i < buf.limit(); i++) {
                checksum += Math.abs(buf.get(i));
            }
        }
        return checksum;
    }
}

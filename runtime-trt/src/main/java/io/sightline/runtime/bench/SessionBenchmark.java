package io.sightline.runtime.bench;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import java.util.Map;

/** Times {@link InferenceSession#run} on fixed inputs after a warm-up. */
public final class SessionBenchmark {
    private SessionBenchmark() {
    }

    /** The timings, and the sum of |first output| of the first run (to compare with the torch baseline). */
    public record Measurement(LatencyStats latency, double checksum) {
    }

    public static Measurement measure(InferenceSession session, Map<String, Tensor> inputs, int warmup, int iterations) {
        Map<String, Tensor> first = session.run(inputs);
        double checksum = 0;
        Tensor out = first.values().iterator().next();
        if (out.type() == io.sightline.runtime.ElementType.FLOAT32) {
            var buf = out.floats();
            for (int i = 0; i < buf.limit(); i++) {
                checksum += Math.abs(buf.get(i));
            }
        }
        for (int i = 0; i < warmup; i++) {
            session.run(inputs);
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            session.run(inputs);
            nanos[i] = System.nanoTime() - t0;
        }
        return new Measurement(LatencyStats.of(nanos), checksum);
    }
}

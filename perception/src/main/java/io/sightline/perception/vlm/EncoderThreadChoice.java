package io.sightline.perception.vlm;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import io.sightline.runtime.bench.LatencyStats;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the vision encoder's ONNX Runtime intra-op threads when the configuration leaves it open (0), by
 * timing the encoder graph on this machine: every core but one, or every core.
 *
 * <p>Why measure: the frame loop runs JPEG decoding, preprocessing and finishing on a helper thread beside the
 * encoder, so an encoder on every core competes with it. Whether the second thread is worth that depends on the
 * machine, and the same 2-core machine class gave opposite answers on two days:
 * <ul>
 *   <li>encoder 2.69 ms at 1 thread, 2.62 ms at 2 (3% gain): full pipeline 302 / 282 fps at 1 thread, 287 / 261
 *       at 2, so one thread;</li>
 *   <li>encoder 5.44 ms at 1 thread, 4.52 ms at 2 (17% gain): full pipeline 172-180 fps at 1 thread, 202 at 2, so
 *       two threads.</li>
 * </ul>
 * Rule: every core when it makes the encoder alone at least {@value #MIN_GAIN_PERCENT}% faster than every core but
 * one, otherwise every core but one. The probe runs the graph on a zero image (its cost does not depend on the
 * pixels): {@value #WARMUP} warm-up runs per setting, then {@value #BLOCKS} alternating blocks of {@value #BLOCK}
 * runs, medians ({@link LatencyStats}) compared; about half a second per graph, once per process (the choice is
 * remembered per graph file and options).
 */
public final class EncoderThreadChoice {
    private static final Logger log = LoggerFactory.getLogger(EncoderThreadChoice.class);
    static final int MIN_GAIN_PERCENT = 10;
    private static final int WARMUP = 5;
    private static final int BLOCKS = 6;
    private static final int BLOCK = 5;
    private static final Map<String, Choice> CHOSEN = new ConcurrentHashMap<>();

    /**
     * @param threads     the chosen intra-op threads
     * @param fewerMillis median encoder time at every core but one (0 when not measured)
     * @param allMillis   median encoder time at every core (0 when not measured)
     * @param reason      one line for the log and the benchmarks
     */
    public record Choice(int threads, double fewerMillis, double allMillis, String reason) {
    }

    private EncoderThreadChoice() {
    }

    /** The encoder's threads for {@code options}: as given when positive, else measured ({@link #measure}). */
    public static Choice forOptions(OnnxRuntimeOptions options, Path graph) {
        if (options.intraOpThreads() > 0) {
            return new Choice(options.intraOpThreads(), 0, 0, "configured");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores <= 1) {
            return new Choice(1, 0, 0, "one core");
        }
        String key = graph.toAbsolutePath().normalize() + "|" + options + "|" + cores;
        return CHOSEN.computeIfAbsent(key, k -> {
            Choice c = measure(options, graph, cores);
            log.info("vision encoder: {} intra-op threads ({})", c.threads(), c.reason());
            return c;
        });
    }

    /** Times the encoder at {@code cores - 1} and {@code cores} threads and applies the rule. */
    static Choice measure(OnnxRuntimeOptions options, Path graph, int cores) {
        int fewer = cores - 1;
        try (InferenceSession a = new OnnxRuntimeBackend(options.withIntraOpThreads(fewer)).open(graph);
             InferenceSession b = new OnnxRuntimeBackend(options.withIntraOpThreads(cores)).open(graph)) {
            Map<String, Tensor> inputs = zeroInputs(a.inputs());
            for (int i = 0; i < WARMUP; i++) {
                a.run(inputs);
                b.run(inputs);
            }
            long[] ta = new long[BLOCKS * BLOCK];
            long[] tb = new long[BLOCKS * BLOCK];
            for (int block = 0; block < BLOCKS; block++) {
                time(a, inputs, ta, block * BLOCK);
                time(b, inputs, tb, block * BLOCK);
            }
            return decide(fewer, cores, LatencyStats.of(ta).p50Ms(), LatencyStats.of(tb).p50Ms());
        }
    }

    /** The rule alone: every core when it is at least {@value #MIN_GAIN_PERCENT}% faster. */
    static Choice decide(int fewer, int cores, double fewerMs, double allMs) {
        boolean all = allMs <= fewerMs * (1 - MIN_GAIN_PERCENT / 100.0);
        String why = String.format(Locale.ROOT, "measured: %.2f ms at %d, %.2f ms at %d threads; every core only when >= %d%% faster",
            fewerMs, fewer, allMs, cores, MIN_GAIN_PERCENT);
        return new Choice(all ? cores : fewer, fewerMs, allMs, why);
    }

    private static void time(InferenceSession s, Map<String, Tensor> inputs, long[] nanos, int from) {
        for (int i = 0; i < BLOCK; i++) {
            long t0 = System.nanoTime();
            s.run(inputs);
            nanos[from + i] = System.nanoTime() - t0;
        }
    }

    private static Map<String, Tensor> zeroInputs(List<TensorSpec> specs) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (TensorSpec spec : specs) {
            long[] shape = spec.shape();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] == TensorSpec.DYNAMIC) {
                    shape[i] = 1;
                }
            }
            inputs.put(spec.name(), Tensor.allocate(spec.type(), shape));
        }
        return inputs;
    }
}

package io.sightline.runtime.select;

import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.runtime.tensorrt.TensorRtAvailability;
import io.sightline.runtime.tensorrt.TensorRtBackend;
import io.sightline.runtime.tensorrt.TensorRtOptions;
import io.sightline.runtime.tensorrt.TensorRtProbe;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code backend: auto | tensorrt | onnxruntime} into a backend plus the reason, and logs it.
 * {@code auto} takes TensorRT when a CUDA device and the TensorRT libraries load, else ONNX Runtime on
 * the CPU, and the reason says what was missing: falling back to the CPU without saying so is a bug
 * (the robot would run ten times slower and nobody would know why). An explicit {@code tensorrt} that
 * cannot load fails with the reason instead of falling back.
 */
public final class BackendSelector {
    private static final Logger log = LoggerFactory.getLogger(BackendSelector.class);

    private final OnnxRuntimeOptions onnxOptions;
    private final TensorRtOptions tensorRtOptions;
    private final Supplier<TensorRtAvailability> tensorRt;

    public BackendSelector(OnnxRuntimeOptions onnxOptions, TensorRtOptions tensorRtOptions) {
        this(onnxOptions, tensorRtOptions, TensorRtProbe::availability);
    }

    /** With another probe (tests). */
    public BackendSelector(OnnxRuntimeOptions onnxOptions, TensorRtOptions tensorRtOptions, Supplier<TensorRtAvailability> tensorRt) {
        this.onnxOptions = onnxOptions;
        this.tensorRtOptions = tensorRtOptions;
        this.tensorRt = tensorRt;
    }

    public BackendChoice select(BackendPreference preference) {
        BackendChoice choice = switch (preference) {
            case ONNXRUNTIME -> new BackendChoice(new OnnxRuntimeBackend(onnxOptions), "backend: onnxruntime configured");
            case TENSORRT -> {
                TensorRtAvailability trt = tensorRt.get();
                if (!trt.available()) {
                    throw new BackendUnavailableException("backend: tensorrt configured, but " + trt
                        + " (use backend: auto or onnxruntime to run on the CPU)");
                }
                yield new BackendChoice(new TensorRtBackend(tensorRtOptions, trt), "backend: tensorrt configured; " + trt);
            }
            case AUTO -> {
                TensorRtAvailability trt = tensorRt.get();
                yield trt.available()
                    ? new BackendChoice(new TensorRtBackend(tensorRtOptions, trt), "auto: " + trt)
                    : new BackendChoice(new OnnxRuntimeBackend(onnxOptions), "auto: CPU fallback because " + trt);
            }
        };
        // the caller states the model with its backend once (INFO); a CPU fallback on a machine with a GPU is warned
        // about where that is known (BackendIds)
        log.debug("inference backend {}", choice);
        return choice;
    }
}

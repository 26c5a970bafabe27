package io.sightline.runtime.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import io.sightline.runtime.tensorrt.DimRange;
import io.sightline.runtime.tensorrt.Precision;
import io.sightline.runtime.tensorrt.TensorRtAvailability;
import io.sightline.runtime.tensorrt.TensorRtBackend;
import io.sightline.runtime.tensorrt.TensorRtOptions;
import io.sightline.runtime.tensorrt.TensorRtProbe;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {
    private final TensorRtOptions trtOptions = TensorRtOptions.of(Precision.FP16, Path.of("target/engines"), Map.of("batch", DimRange.fixed(1)));
    private final BackendSelector here = new BackendSelector(OnnxRuntimeOptions.defaults(), trtOptions);

    @Test
    void autoWithoutCudaFallsBackToOnnxRuntimeAndSaysWhy() {
        assumeFalse(TensorRtProbe.availability().available(), "this machine has CUDA and TensorRT");
        BackendChoice choice = here.select(BackendPreference.AUTO);
        assertThat(choice.backend()).isInstanceOf(OnnxRuntimeBackend.class);
        assertThat(choice.reason()).startsWith("auto: CPU fallback because TensorRT unavailable: ").containsIgnoringCase("cuda");
        assertThat(choice.toString()).startsWith("onnxruntime 1.");
    }

    @Test
    void explicitTensorRtWithoutCudaFailsWithTheReason() {
        assumeFalse(TensorRtProbe.availability().available(), "this machine has CUDA and TensorRT");
        assertThatThrownBy(() -> here.select(BackendPreference.TENSORRT))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageStartingWith("backend: tensorrt configured, but TensorRT unavailable: ")
            .hasMessageContaining("use backend: auto or onnxruntime");
    }

    @Test
    void autoTakesTensorRtWhenTheProbeFindsIt() {
        var gpu = new TensorRtAvailability(true, "", "10.6.0", "8.7", "Orin");
        BackendChoice choice = new BackendSelector(OnnxRuntimeOptions.defaults(), trtOptions, () -> gpu).select(BackendPreference.AUTO);
        assertThat(choice.backend()).isInstanceOf(TensorRtBackend.class);
        assertThat(choice.backend().id()).isEqualTo("tensorrt 10.6.0 (Orin, sm8.7, fp16)");
        assertThat(choice.reason()).isEqualTo("auto: TensorRT 10.6.0 on Orin (compute capability 8.7)");
    }

    @Test
    void explicitOnnxRuntimeNeverProbes() {
        BackendChoice choice = new BackendSelector(OnnxRuntimeOptions.defaults(), trtOptions,
            () -> { throw new AssertionError("probed"); }).select(BackendPreference.ONNXRUNTIME);
        assertThat(choice.backend().name()).isEqualTo("onnxruntime");
    }

    @Test
    void preferenceParsingNamesTheBadValue() {
        assertThat(BackendPreference.parse(" TensorRT ")).isEqualTo(BackendPreference.TENSORRT);
        assertThatThrownBy(() -> BackendPreference.parse("cuda")).hasMessageContaining("got 'cuda'");
    }
}

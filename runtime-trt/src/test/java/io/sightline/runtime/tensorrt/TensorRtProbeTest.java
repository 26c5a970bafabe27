package io.sightline.runtime.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class TensorRtProbeTest {
    @Test
    void withoutCudaTheProbeSaysWhyInsteadOfThrowing() {
        TensorRtAvailability a = TensorRtProbe.availability();
        assumeFalse(a.available(), "a CUDA device is present; the GPU tests cover this machine");
        assertThat(a.reason()).isNotBlank();
        assertThat(a.toString()).startsWith("TensorRT unavailable: ").containsIgnoringCase("cuda");
        assertThat(TensorRtProbe.availability()).isSameAs(a);
    }
}

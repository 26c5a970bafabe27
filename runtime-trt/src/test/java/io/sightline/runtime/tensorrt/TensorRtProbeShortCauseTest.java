package io.sightline.runtime.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The probe's reason is a few words for the console and the status topic; the chain goes to the debug log. */
class TensorRtProbeShortCauseTest {
    @Test
    void aMissingDriverIsNamedInAFewWords() {
        // what JavaCPP throws on a machine without the NVIDIA driver (the CUDA runtime's JNI library needs libcuda.so.1)
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("/root/.javacpp/cache/cuda-12.6-9.5-1.5.11-linux-x86_64.jar/"
            + "org/bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory");
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("no jnicudart in java.library.path: /usr/java/packages/lib:/usr/lib/jni:/lib");
        e.initCause(cause);
        assertThat(TensorRtProbe.shortCause(e)).isEqualTo("libcuda.so.1 not found (no NVIDIA driver)");
    }

    @Test
    void anotherMissingLibraryIsNamedWithoutTheDriverHint() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("/x/libjninvinfer.so: libnvinfer.so.10: cannot open shared object file");
        assertThat(TensorRtProbe.shortCause(e)).isEqualTo("libnvinfer.so.10 not found");
    }

    @Test
    void otherCausesLoseTheLibraryPathAndAreBounded() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("no jnicudart in java.library.path: /a:/b:/c");
        assertThat(TensorRtProbe.shortCause(e)).isEqualTo("UnsatisfiedLinkError: no jnicudart in java.library.path");
        RuntimeException longOne = new RuntimeException("x".repeat(500));
        assertThat(TensorRtProbe.shortCause(longOne)).hasSize(160).endsWith("...");
    }
}

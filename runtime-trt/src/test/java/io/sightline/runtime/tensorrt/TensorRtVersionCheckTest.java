package io.sightline.runtime.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TensorRtVersionCheckTest {
    @Test
    void sameOrNewerLibraryWithinTheMajorVersionRuns() {
        assertThat(TensorRtVersionCheck.problem(100600, 100600, false)).isEmpty();
        assertThat(TensorRtVersionCheck.problem(100601, 100600, false)).isEmpty();
        assertThat(TensorRtVersionCheck.problem(101300, 100600, false)).isEmpty();
    }

    @Test
    void olderLibraryIsRefusedUnlessAllowed() {
        // JetPack 6.2 ships TensorRT 10.3; the 1.5.11 preset is 10.6.
        assertThat(TensorRtVersionCheck.problem(100300, 100600, false)).get().asString()
            .contains("TensorRT 10.3.0, older than the JavaCPP preset's 10.6.0").contains("sightline.tensorrt.allowOlder");
        assertThat(TensorRtVersionCheck.problem(100300, 100600, true)).isEmpty();
    }

    @Test
    void anotherMajorVersionIsAlwaysRefused() {
        assertThat(TensorRtVersionCheck.problem(80601, 100600, true)).get().asString()
            .contains("TensorRT 8.6.1 but the JavaCPP preset is for TensorRT 10.6.0");
    }
}

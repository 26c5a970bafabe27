package io.sightline.runtime.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationCacheTest {
    @Test
    void writesTheTensorRtTextFormat() {
        Map<String, Float> scales = new LinkedHashMap<>();
        scales.put("input", 1.0f);
        scales.put("/blocks.0/attn/MatMul_output_0", 0.5f);
        byte[] bytes = new CalibrationCache(100600, CalibrationCache.ENTROPY_2, scales).toBytes();
        assertThat(new String(bytes, StandardCharsets.US_ASCII))
            .isEqualTo("TRT-100600-EntropyCalibration2\ninput: 3f800000\n/blocks.0/attn/MatMul_output_0: 3f000000\n");
    }

    @Test
    void parsesWhatItWritesAndWhatTensorRtWrites() {
        CalibrationCache cache = CalibrationCache.parse(
            "TRT-8601-EntropyCalibration2\r\nimages: 3c010a14\n(Unnamed Layer* 3) [Activation]_output: 3d5b1f2a\n".getBytes(StandardCharsets.US_ASCII), "calib.cache");
        assertThat(cache.tensorRtVersion()).isEqualTo(8601);
        assertThat(cache.scales()).containsOnlyKeys("images", "(Unnamed Layer* 3) [Activation]_output");
        assertThat(cache.scales().get("images")).isEqualTo(Float.intBitsToFloat(0x3c010a14));
        assertThat(CalibrationCache.parse(cache.toBytes(), "again")).isEqualTo(cache);
    }

    @Test
    void fromAbsMaxUsesTheSymmetricInt8Scale() {
        CalibrationCache cache = CalibrationCache.fromAbsMax(100600, Map.of("x", 2.54f));
        assertThat(cache.scales().get("x")).isEqualTo(0.02f);
        assertThat(cache.dynamicRange("x")).isEqualTo(2.54f);
    }

    @Test
    void errorsNameTheSourceAndLine() {
        assertThatThrownBy(() -> CalibrationCache.parse("EntropyCalibration2\n".getBytes(StandardCharsets.US_ASCII), "a.cache"))
            .hasMessageContaining("a.cache: line 1 must be 'TRT-<version>-<algorithm>'");
        assertThatThrownBy(() -> CalibrationCache.parse("TRT-100600-EntropyCalibration2\nx: 3f80\n".getBytes(StandardCharsets.US_ASCII), "b.cache"))
            .hasMessageContaining("b.cache: line 2 must be '<tensor>: <8 hex digits>', got 'x: 3f80'");
        assertThatThrownBy(() -> CalibrationCache.parse("TRT-100600-EntropyCalibration2\nx: bf800000\n".getBytes(StandardCharsets.US_ASCII), "c.cache"))
            .hasMessageContaining("c.cache: calibration scale of 'x' must be positive");
    }
}

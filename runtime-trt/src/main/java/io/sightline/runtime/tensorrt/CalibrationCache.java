package io.sightline.runtime.tensorrt;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorRT's legacy INT8 calibration cache, as IInt8EntropyCalibrator2 writes and reads it: a header line
 * {@code TRT-<version>-EntropyCalibration2}, then one line per tensor {@code <name>: <scale>} where the
 * scale is the float32's bits as 8 hex digits (big-endian, i.e. {@code Float.floatToIntBits} in hex).
 * TensorRT maps a tensor's dynamic range to +-127 * scale.
 *
 * @param tensorRtVersion the number in the header, e.g. 100600 ({@code getInferLibVersion()})
 * @param algorithm       e.g. "EntropyCalibration2"
 * @param scales          per-tensor scales, in file order
 */
public record CalibrationCache(int tensorRtVersion, String algorithm, Map<String, Float> scales) {
    public static final String ENTROPY_2 = "EntropyCalibration2";
    private static final Pattern HEADER = Pattern.compile("TRT-(\\d+)-(\\w+)");
    private static final Pattern LINE = Pattern.compile("(.+): ([0-9a-fA-F]{8})");

    public CalibrationCache {
        scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
        for (var e : scales.entrySet()) {
            float s = e.getValue();
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("calibration scale of '" + e.getKey() + "' must be positive and finite, got " + s);
            }
            if (e.getKey().isEmpty() || e.getKey().contains("\n")) {
                throw new IllegalArgumentException("bad tensor name in calibration cache: '" + e.getKey() + "'");
            }
        }
    }

    /** A cache from per-tensor absolute maxima (the symmetric int8 convention: scale = amax / 127). */
    public static CalibrationCache fromAbsMax(int tensorRtVersion, Map<String, Float> absMax) {
        Map<String, Float> scales = new LinkedHashMap<>();
        absMax.forEach((name, amax) -> scales.put(name, amax / 127f));
        return new CalibrationCache(tensorRtVersion, ENTROPY_2, scales);
    }

    /**
     * @param source where the bytes came from, for error messages
     * @throws IllegalArgumentException naming the source and line when the text is not a calibration cache
     */
    public static CalibrationCache parse(byte[] bytes, String source) {
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\r?\n");
        Matcher header = HEADER.matcher(lines.length == 0 ? "" : lines[0].strip());
        if (!header.matches()) {
            throw new IllegalArgumentException(source + ": line 1 must be 'TRT-<version>-<algorithm>', got '" + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        Map<String, Float> scales = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines[i].strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(source + ": line " + (i + 1) + " must be '<tensor>: <8 hex digits>', got '" + lines[i] + "'");
            }
            float scale = Float.intBitsToFloat(Integer.parseUnsignedInt(m.group(2), 16));
            if (scales.put(m.group(1), scale) != null) {
                throw new IllegalArgumentException(source + ": line " + (i + 1) + ": tensor '" + m.group(1) + "' appears twice");
            }
        }
        try {
            return new CalibrationCache(Integer.parseInt(header.group(1)), header.group(2), scales);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder("TRT-").append(tensorRtVersion).append('-').append(algorithm).append('\n');
        scales.forEach((name, scale) -> sb.append(name).append(": ").append(String.format("%08x", Float.floatToIntBits(scale))).append('\n'));
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The dynamic range TensorRT derives from a scale: +-127 * scale. */
    public float dynamicRange(String tensor) {
        Float s = scales.get(tensor);
        if (s == null) {
            throw new IllegalArgumentException("no calibration scale for tensor '" + tensor + "'");
        }
        return 127f * s;
    }
}

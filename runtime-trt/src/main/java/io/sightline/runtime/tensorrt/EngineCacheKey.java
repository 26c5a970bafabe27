package io.sightline.runtime.tensorrt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a serialized TensorRT engine is only valid for: the exact graph bytes, the TensorRT version that
 * built it, the GPU architecture (engines are not portable across compute capabilities), and the precision.
 *
 * @param graphSha256       hex sha256 of the ONNX file
 * @param tensorRtVersion   e.g. "10.6.0"
 * @param computeCapability e.g. "8.7" (Orin), "11.0" (Thor)
 * @param precision         the build precision
 * @param shapePlan         the optimisation profile's ranges, as {@link ShapePlan#describe()} prints them
 */
public record EngineCacheKey(String graphSha256, String tensorRtVersion, String computeCapability, Precision precision, String shapePlan) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)+");

    public EngineCacheKey {
        if (graphSha256 == null || !SHA256.matcher(graphSha256).matches()) {
            throw new IllegalArgumentException("engine cache key: graph sha256 must be 64 lowercase hex digits, got " + graphSha256);
        }
        if (tensorRtVersion == null || !VERSION.matcher(tensorRtVersion).matches()) {
            throw new IllegalArgumentException("engine cache key: bad TensorRT version " + tensorRtVersion);
        }
        if (computeCapability == null || !VERSION.matcher(computeCapability).matches()) {
            throw new IllegalArgumentException("engine cache key: bad compute capability " + computeCapability);
        }
        if (precision == null || shapePlan == null) {
            throw new IllegalArgumentException("engine cache key: precision and shape plan are required");
        }
    }

    /**
     * The cache file name without extension, readable by a person listing the folder:
     * {@code <first 16 hex of graph>-trt10.6.0-sm8.7-fp16-<8 hex of the shape plan>}.
     */
    public String fileStem() {
        return graphSha256.substring(0, 16) + "-trt" + tensorRtVersion + "-sm" + computeCapability + "-" + precision.key()
            + "-" + sha256(shapePlan.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8);
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot hash: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TensorRT's getInferLibVersion() (major*10000 + minor*100 + patch since TensorRT 10) as "10.6.0". */
    public static String versionText(int inferLibVersion) {
        return (inferLibVersion / 10000) + "." + (inferLibVersion / 100 % 100) + "." + (inferLibVersion % 100);
    }
}

package io.sightline.importer.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the weights of a TF.js {@code weightsManifest}: each group's shards concatenated, each weight's bytes in
 * manifest order. Stored dtypes: float32, int32, bool, and the quantized forms of the converter ({@code float16};
 * {@code uint8}/{@code uint16} with scale and min, or with a dequantisation table is refused) that TF.js itself
 * expands to float32 at load, as done here.
 */
public final class TfjsWeights {
    private TfjsWeights() {
    }

    /** @param groupBytes the concatenated shards of each manifest group, in manifest order */
    public static Map<String, ConstTensor> decode(JsonNode manifest, java.util.List<byte[]> groupBytes) {
        Map<String, ConstTensor> out = new LinkedHashMap<>();
        for (int g = 0; g < manifest.size(); g++) {
            ByteBuffer b = ByteBuffer.wrap(groupBytes.get(g)).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : manifest.get(g).path("weights")) {
                String name = w.path("name").asText();
                long[] shape = shape(w.path("shape"));
                int n = Math.toIntExact(Shapes.size(shape));
                String dtype = w.path("dtype").asText();
                JsonNode q = w.path("quantization");
                try {
                    out.put(name, q.isMissingNode() ? plain(b, dtype, shape, n, name) : quantized(b, q, dtype, shape, n, name));
                } catch (java.nio.BufferUnderflowException e) {
                    throw new ImportException("weights: shard of group " + g + " ends inside weight '" + name
                        + "' (truncated .bin?)");
                }
            }
            if (b.hasRemaining()) {
                throw new ImportException("weights: group " + g + " has " + b.remaining()
                    + " bytes the manifest does not describe (the .bin does not belong to this model.json)");
            }
        }
        return out;
    }

    private static ConstTensor plain(ByteBuffer b, String dtype, long[] shape, int n, String name) {
        switch (dtype) {
            case "float32" -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                b.position(b.position() + 4 * n);
                return ConstTensor.ofFloats(shape, v);
            }
            case "int32" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getInt();
                }
                return ConstTensor.ofLongs(ElementType.INT, shape, v);
            }
            case "bool" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get() != 0 ? 1 : 0;
                }
                return ConstTensor.ofLongs(ElementType.BOOL, shape, v);
            }
            default -> throw new ImportException("weights: weight '" + name + "' has unsupported dtype " + dtype);
        }
    }

    private static ConstTensor quantized(ByteBuffer b, JsonNode q, String dtype, long[] shape, int n, String name) {
        String stored = q.path("dtype").asText();
        if (q.has("group") || q.has("groups")) {
            throw new ImportException("weights: weight '" + name + "' uses a quantization table, not supported");
        }
        double[] raw = new double[n];
        switch (stored) {
            case "float16" -> {
                for (int i = 0; i < n; i++) {
                    raw[i] = halfToFloat(b.getShort());
                }
            }
            case "uint8" -> {
                for (int i = 0; i < n; i++) {
                    raw[i] = Byte.toUnsignedInt(b.get());
                }
            }
            case "uint16" -> {
                for (int i = 0; i < n; i++) {
                    raw[i] = Short.toUnsignedInt(b.getShort());
                }
            }
            default -> throw new ImportException("weights: weight '" + name + "' has unsupported quantization dtype "
                + stored);
        }
        if (!stored.equals("float16")) {
            if (!q.has("scale") || !q.has("min")) {
                throw new ImportException("weights: weight '" + name + "' is " + stored + "-quantized without scale/min");
            }
            // tfjs-core io: v = q * scale + min, computed in float32
            float scale = (float) q.path("scale").asDouble();
            float min = (float) q.path("min").asDouble();
            for (int i = 0; i < n; i++) {
                raw[i] = (float) raw[i] * scale + min;
            }
        }
        return switch (dtype) {
            case "float32" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) raw[i];
                }
                yield ConstTensor.ofFloats(shape, v);
            }
            case "int32" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Math.round(raw[i]);
                }
                yield ConstTensor.ofLongs(ElementType.INT, shape, v);
            }
            default -> throw new ImportException("weights: weight '" + name + "' quantized as " + stored
                + " to unsupported dtype " + dtype);
        };
    }

    static long[] shape(JsonNode dims) {
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).asLong();
            if (s[i] < 0) {
                throw new ImportException("weights: negative dimension " + s[i]);
            }
        }
        return s;
    }

    /** IEEE 754 binary16 -> float32, exact (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}

package io.sightline.importer.tfjs;

import java.util.Arrays;

/**
 * The spatial attributes of a TF Conv2D or MaxPool in ONNX terms: data format, strides, dilations and the padding
 * (VALID, SAME computed from the static input size as TF does, or EXPLICIT) as ONNX pads [top, left, bottom, right].
 */
record SpatialAttrs(boolean nhwc, long[] strides, long[] dilations, long[] pads) {
    /** @param nchwShape the input's shape in NCHW order; {@code kernel} the kernel's height and width */
    static SpatialAttrs of(TfNode node, long[] nchwShape, long[] kernel) {
        String format = node.string("data_format").orElse("NHWC");
        boolean nhwc = switch (format) {
            case "NHWC" -> true;
            case "NCHW" -> false;
            default -> throw new ImportException(node.where() + ": unsupported data_format " + format);
        };
        long[] strides = hw(node, "strides", nhwc);
        long[] dilations = node.attr().has("dilations") ? hw(node, "dilations", nhwc) : new long[] {1, 1};
        String padding = node.string("padding").orElse("VALID");
        long[] pads = switch (padding) {
            case "VALID" -> new long[4];
            case "SAME" -> same(nchwShape, kernel, strides, dilations);
            case "EXPLICIT" -> explicit(node, nhwc);
            default -> throw new ImportException(node.where() + ": unsupported padding " + padding);
        };
        return new SpatialAttrs(nhwc, strides, dilations, pads);
    }

    long[] outputHw(long[] nchwShape, long[] kernel) {
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            long effective = (kernel[i] - 1) * dilations[i] + 1;
            out[i] = (nchwShape[2 + i] + pads[i] + pads[i + 2] - effective) / strides[i] + 1;
        }
        return out;
    }

    private static long[] hw(TfNode node, String key, boolean nhwc) {
        long[] v = node.ints(key);
        if (v.length == 0) {
            return new long[] {1, 1};
        }
        if (v.length != 4) {
            throw new ImportException(node.where() + ": " + key + " " + Arrays.toString(v) + " is not 4 values");
        }
        long batch = v[0];
        long channel = nhwc ? v[3] : v[1];
        if (batch != 1 || channel != 1) {
            throw new ImportException(node.where() + ": " + key + " " + Arrays.toString(v)
                + " over batch or channels is not supported");
        }
        return nhwc ? new long[] {v[1], v[2]} : new long[] {v[2], v[3]};
    }

    private static long[] same(long[] in, long[] kernel, long[] strides, long[] dilations) {
        long[] pads = new long[4];
        for (int i = 0; i < 2; i++) {
            long size = in[2 + i];
            long out = (size + strides[i] - 1) / strides[i];
            long effective = (kernel[i] - 1) * dilations[i] + 1;
            long total = Math.max((out - 1) * strides[i] + effective - size, 0);
            pads[i] = total / 2;
            pads[i + 2] = total - total / 2;
        }
        return pads;
    }

    private static long[] explicit(TfNode node, boolean nhwc) {
        long[] p = node.ints("explicit_paddings");
        if (p.length != 8) {
            throw new ImportException(node.where() + ": explicit_paddings " + Arrays.toString(p) + " is not 8 values");
        }
        int h = nhwc ? 1 : 2;
        int w = nhwc ? 2 : 3;
        return new long[] {p[2 * h], p[2 * w], p[2 * h + 1], p[2 * w + 1]};
    }
}

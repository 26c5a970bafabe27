package io.sightline.importer.tfjs;

import static io.sightline.importer.tfjs.TinyGraph.list;
import static io.sightline.importer.tfjs.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each TF op the converter knows, on a tiny graph run through ONNX Runtime Java against a reference. */
class OpConversionTest {
    private static final float EPS = 1e-5f;

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** TF Conv2D on NHWC with HWIO filters, pads top/left given, zero outside, output size given. */
    static float[] convNhwc(float[] x, int h, int w, int c, float[] f, int k, int co, int stride, int dil,
                            int padT, int padL, int oh, int ow) {
        float[] out = new float[oh * ow * co];
        for (int y = 0; y < oh; y++) {
            for (int xx = 0; xx < ow; xx++) {
                for (int o = 0; o < co; o++) {
                    double acc = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = y * stride - padT + ky * dil;
                            int ix = xx * stride - padL + kx * dil;
                            if (iy < 0 || ix < 0 || iy >= h || ix >= w) {
                                continue;
                            }
                            for (int i = 0; i < c; i++) {
                                acc += x[(iy * w + ix) * c + i] * f[((ky * k + kx) * c + i) * co + o];
                            }
                        }
                    }
                    out[(y * ow + xx) * co + o] = (float) acc;
                }
            }
        }
        return out;
    }

    @Test
    void conv2dNhwcSamePaddingStride2PutsTheOddPadAtTheEnd() throws Exception {
        float[] x = random(4 * 4 * 2, 1);
        float[] f = random(3 * 3 * 2 * 3, 2);
        TinyGraph g = new TinyGraph().input("x", 1, 4, 4, 2).floats("f", new long[] {3, 3, 2, 3}, f)
            .node("y", "Conv2D", new String[] {"x", "f"}, "{\"padding\":" + s("SAME") + ",\"data_format\":" + s("NHWC")
                + ",\"strides\":" + list(1, 2, 2, 1) + ",\"dilations\":" + list(1, 1, 1, 1) + "}");
        float[] got = g.run(g.convert("y:0"), x)[0];
        assertArrayEquals(convNhwc(x, 4, 4, 2, f, 3, 3, 2, 1, 0, 0, 2, 2), got, EPS);
    }

    @Test
    void conv2dNhwcValidWithDilationAndBiasFoldedIntoTheConv() throws Exception {
        float[] x = random(6 * 6 * 2, 3);
        float[] f = random(3 * 3 * 2 * 2, 4);
        float[] bias = {0.5f, -1.25f};
        TinyGraph g = new TinyGraph().input("x", 1, 6, 6, 2).floats("f", new long[] {3, 3, 2, 2}, f)
            .floats("b", new long[] {2}, bias)
            .node("c", "Conv2D", new String[] {"x", "f"}, "{\"padding\":" + s("VALID") + ",\"strides\":"
                + list(1, 1, 1, 1) + ",\"dilations\":" + list(1, 2, 2, 1) + "}")
            .node("y", "Add", new String[] {"c", "b"}, null);
        ModelProto m = g.convert("y:0");
        float[] want = convNhwc(x, 6, 6, 2, f, 3, 2, 1, 2, 0, 0, 2, 2);
        for (int i = 0; i < want.length; i++) {
            want[i] += bias[i % 2];
        }
        assertArrayEquals(want, g.run(m, x)[0], EPS);
        assertTrue(m.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("Add")), "bias folded");
        assertEquals(3, m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv"))
            .findFirst().orElseThrow().getInputCount());
    }

    @Test
    void conv2dNchwExplicitPadding() throws Exception {
        float[] xNhwc = random(3 * 3 * 1, 5);
        float[] f = random(2 * 2 * 1 * 1, 6);
        // NCHW input with C = 1 has the same memory layout as NHWC
        TinyGraph g = new TinyGraph().input("x", 1, 1, 3, 3).floats("f", new long[] {2, 2, 1, 1}, f)
            .node("y", "Conv2D", new String[] {"x", "f"}, "{\"padding\":" + s("EXPLICIT") + ",\"data_format\":"
                + s("NCHW") + ",\"strides\":" + list(1, 1, 1, 1) + ",\"explicit_paddings\":" + list(0, 0, 0, 0, 1, 0, 0, 1) + "}");
        assertArrayEquals(convNhwc(xNhwc, 3, 3, 1, f, 2, 1, 1, 1, 1, 0, 3, 3), g.run(g.convert("y:0"), xNhwc)[0], EPS);
    }

    @Test
    void padPadV2LeakyReluSigmoidIdentity() throws Exception {
        float[] x = {-2f, 1f, 3f, -0.5f};
        TinyGraph g = new TinyGraph().input("x", 1, 2, 2).ints("p", new long[] {3, 2}, 0, 0, 1, 0, 0, 1)
            .floats("v", new long[0], 7f)
            .node("a", "Pad", new String[] {"x", "p"}, null)
            .node("b", "PadV2", new String[] {"x", "p", "v"}, null)
            .node("l", "LeakyRelu", new String[] {"x"}, "{\"alpha\":{\"f\":0.1}}")
            .node("sg", "Sigmoid", new String[] {"l"}, null)
            .node("id", "Identity", new String[] {"sg"}, null);
        float[][] out = g.run(g.convert("a:0", "b:0", "id:0"), x);
        assertArrayEquals(new float[] {0, 0, 0, -2, 1, 0, 3, -0.5f, 0}, out[0], EPS);
        assertArrayEquals(new float[] {7, 7, 7, -2, 1, 7, 3, -0.5f, 7}, out[1], EPS);
        float[] leaky = {-0.2f, 1f, 3f, -0.05f};
        for (int i = 0; i < 4; i++) {
            assertEquals(1 / (1 + Math.exp(-leaky[i])), out[2][i], EPS);
        }
    }

    @Test
    void concatV2NegativeAxisReshapeInferredDimAndTransposes() throws Exception {
        float[] x = {1, 2, 3, 4, 5, 6};
        TinyGraph g = new TinyGraph().input("x", 1, 2, 3).floats("k", new long[] {1, 2, 1}, 9, 8)
            .ints("ax", new long[0], -1).ints("shape", new long[] {2}, -1, 4)
            .ints("perm", new long[] {3}, 0, 2, 1).ints("back", new long[] {3}, 0, 2, 1)
            .node("c", "ConcatV2", new String[] {"x", "k", "ax"}, null)
            .node("r", "Reshape", new String[] {"c", "shape"}, null)
            .node("t1", "Transpose", new String[] {"x", "perm"}, null)
            .node("t2", "Transpose", new String[] {"t1", "back"}, null)
            .node("t", "Transpose", new String[] {"x", "perm"}, null);
        ModelProto m = g.convert("r:0", "t2:0", "t:0");
        float[][] out = g.run(m, x);
        assertArrayEquals(new float[] {1, 2, 3, 9, 4, 5, 6, 8}, out[0], EPS);
        assertArrayEquals(x, out[1], EPS);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, out[2], EPS);
        assertEquals(1, m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Transpose")).count(),
            "a transpose and its inverse cancel");
    }

    @Test
    void resizeBilinearHalfPixelAlignCornersAndAsymmetric() throws Exception {
        float[] x = {0, 1, 2, 3}; // NHWC 1x2x2x1
        TinyGraph g = new TinyGraph().input("x", 1, 2, 2, 1).ints("size", new long[] {2}, 4, 4)
            .node("h", "ResizeBilinear", new String[] {"x", "size"}, "{\"half_pixel_centers\":{\"b\":true},\"align_corners\":{\"b\":false}}")
            .node("a", "ResizeBilinear", new String[] {"x", "size"}, "{\"align_corners\":{\"b\":true}}")
            .node("q", "ResizeBilinear", new String[] {"x", "size"}, "{}");
        float[][] out = g.run(g.convert("h:0", "a:0", "q:0"), x);
        // TF: src = (dst + 0.5) * 0.5 - 0.5 clamped to [0, 1] -> 0, 0.25, 0.75, 1 on each axis
        float[] w = {0, 0.25f, 0.75f, 1};
        // align_corners: src = dst * (2 - 1) / (4 - 1); asymmetric: src = dst * 0.5 clamped
        float[] wa = {0, 1f / 3, 2f / 3, 1};
        float[] wq = {0, 0.5f, 1, 1};
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(2 * w[r] + w[c], out[0][r * 4 + c], EPS, "half_pixel " + r + "," + c);
                assertEquals(2 * wa[r] + wa[c], out[1][r * 4 + c], EPS, "align_corners " + r + "," + c);
                assertEquals(2 * wq[r] + wq[c], out[2][r * 4 + c], EPS, "asymmetric " + r + "," + c);
            }
        }
    }

    @Test
    void splitVWithAnInferredSizeAndMaxPoolSame() throws Exception {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}; // NHWC 1x4x4x1
        TinyGraph g = new TinyGraph().input("x", 1, 4, 4, 1).ints("sizes", new long[] {2}, 1, -1)
            .ints("dim", new long[0], 1)
            .node("sp", "SplitV", new String[] {"x", "sizes", "dim"}, "{\"num_split\":{\"i\":\"2\"}}")
            .node("mp", "MaxPool", new String[] {"x"}, "{\"ksize\":" + list(1, 3, 3, 1) + ",\"strides\":"
                + list(1, 2, 2, 1) + ",\"padding\":" + s("SAME") + ",\"data_format\":" + s("NHWC") + "}");
        float[][] out = g.run(g.convert("sp:0", "sp:1", "mp:0"), x);
        assertArrayEquals(new float[] {1, 2, 3, 4}, out[0], EPS);
        assertEquals(12, out[1].length);
        // SAME, stride 2 on 4: pad 0 before, 1 after -> windows rows 0-2 and 2-3
        assertArrayEquals(new float[] {11, 12, 15, 16}, out[2], EPS);
    }

    @Test
    void sparseToDenseAndAddV2OfConstantsFoldIntoAReshapeShape() throws Exception {
        float[] x = random(6, 7);
        TinyGraph g = new TinyGraph().input("x", 1, 6).ints("idx", new long[] {0, 1}).ints("oshape", new long[] {1}, 3)
            .ints("vals", new long[] {0}).ints("zero", new long[0], 0).ints("base", new long[] {3}, 1, 3, 2)
            .node("std", "SparseToDense", new String[] {"idx", "oshape", "vals", "zero"}, null)
            .node("shape", "AddV2", new String[] {"base", "std"}, null)
            .node("y", "Reshape", new String[] {"x", "shape"}, null);
        ModelProto m = g.convert("y:0");
        assertArrayEquals(x, g.run(m, x)[0], EPS);
        assertEquals(3, m.getGraph().getOutput(0).getType().getTensorType().getShape().getDimCount());
        assertTrue(m.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("Add")));
    }

    @Test
    void float16WeightsAreWidenedExactly() {
        // 1.0, -2.0, 65504 (max half), 2^-24 (smallest subnormal)
        TinyGraph g = new TinyGraph().input("x", 1).halfs("w", new long[] {4}, (short) 0x3c00, (short) 0xc000,
            (short) 0x7bff, (short) 0x0001);
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f}, g.model().weights().get("w").floats(), 0f);
    }

    @Test
    void anUnknownOpIsRefusedWithTheOpAndTheNodeName() {
        TinyGraph g = new TinyGraph().input("x", 1, 4).node("head/soft", "Softmax", new String[] {"x"}, null);
        ImportException e = assertThrows(ImportException.class, () -> g.convert("head/soft:0"));
        assertTrue(e.getMessage().contains("unsupported op 'Softmax' node 'head/soft'"), e.getMessage());
    }

    @Test
    void aShardShorterThanTheManifestIsRefused() {
        TinyGraph g = new TinyGraph().input("x", 1).floats("w", new long[] {4}, 1, 2, 3);
        ImportException e = assertThrows(ImportException.class, g::model);
        assertTrue(e.getMessage().contains("ends inside weight 'w'"), e.getMessage());
    }
}

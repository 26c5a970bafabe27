package io.sightline.importer.tfjs;

import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Conv2D (filter HWIO, a constant) -> ONNX Conv (filter OIHW), NHWC inputs through transposes; groups when the
 * filter's input channels divide the input's.
 */
final class ConvConverter implements OpConverter {
    static final int[] TO_NCHW = {0, 3, 1, 2};
    static final int[] TO_NHWC = {0, 2, 3, 1};

    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        Value.Dynamic x = ctx.dynamic(node, 0);
        ConstTensor filter = ctx.constant(node, 1);
        if (x.rank() != 4 || filter.shape().length != 4 || filter.type() != ElementType.FLOAT) {
            throw new ImportException(node.where() + ": expects a rank-4 input and a float HWIO filter");
        }
        boolean nhwc = node.string("data_format").orElse("NHWC").equals("NHWC");
        long[] nchw = nhwc ? Shapes.permute(x.shape(), TO_NCHW) : x.shape();
        long kh = filter.shape()[0];
        long kw = filter.shape()[1];
        long ci = filter.shape()[2];
        long co = filter.shape()[3];
        if (ci == 0 || nchw[1] % ci != 0 || co % (nchw[1] / ci) != 0) {
            throw new ImportException(node.where() + ": filter input channels " + ci + " do not divide the input's "
                + nchw[1]);
        }
        long groups = nchw[1] / ci;
        SpatialAttrs s = SpatialAttrs.of(node, nchw, new long[] {kh, kw});
        Value.Dynamic in = nhwc ? ctx.transpose(x, TO_NCHW, node.name() + "/nchw") : x;
        Value.Dynamic w = ctx.initializer(node.input(1) + "/oihw",
            ConstTensor.ofFloats(new long[] {co, ci, kh, kw}, hwioToOihw(filter)));
        long[] hw = s.outputHw(nchw, new long[] {kh, kw});
        long[] outShape = {nchw[0], co, hw[0], hw[1]};
        List<String> inputs = new ArrayList<>(List.of(in.name(), w.name()));
        String outName = ctx.unique(node.name() + (nhwc ? "/conv_nchw" : ""));
        NodeProto.Builder conv = ctx.emit("Conv", node.name(), inputs, List.of(outName),
            OnnxTensors.ints("kernel_shape", kh, kw), OnnxTensors.ints("strides", s.strides()),
            OnnxTensors.ints("dilations", s.dilations()), OnnxTensors.ints("pads", s.pads()),
            OnnxTensors.intAttr("group", groups));
        Value.Dynamic out = new Value.Dynamic(outName, ElementType.FLOAT, outShape);
        if (nhwc) {
            Value.Dynamic back = ctx.transpose(out, TO_NHWC, node.name());
            ctx.offerBias(back, conv, node, co);
            ctx.define(node, 0, back);
        } else {
            ctx.define(node, 0, out);
        }
    }

    private static float[] hwioToOihw(ConstTensor f) {
        int kh = (int) f.shape()[0];
        int kw = (int) f.shape()[1];
        int ci = (int) f.shape()[2];
        int co = (int) f.shape()[3];
        float[] src = f.floats();
        float[] dst = new float[src.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < ci; i++) {
                    for (int o = 0; o < co; o++) {
                        dst[((o * ci + i) * kh + h) * kw + w] = src[((h * kw + w) * ci + i) * co + o];
                    }
                }
            }
        }
        return dst;
    }
}

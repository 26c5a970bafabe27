package io.sightline.importer.tfjs;

import java.util.List;

/** MaxPool (ksize, strides, padding, data_format) -> ONNX MaxPool over NCHW. */
final class MaxPoolConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        Value.Dynamic x = ctx.dynamic(node, 0);
        if (x.rank() != 4) {
            throw new ImportException(node.where() + ": expects a rank-4 input");
        }
        boolean nhwc = node.string("data_format").orElse("NHWC").equals("NHWC");
        long[] k = node.ints("ksize");
        if (k.length != 4) {
            throw new ImportException(node.where() + ": ksize is not 4 values");
        }
        long[] kernel = nhwc ? new long[] {k[1], k[2]} : new long[] {k[2], k[3]};
        long[] nchw = nhwc ? Shapes.permute(x.shape(), ConvConverter.TO_NCHW) : x.shape();
        SpatialAttrs s = SpatialAttrs.of(node, nchw, kernel);
        Value.Dynamic in = nhwc ? ctx.transpose(x, ConvConverter.TO_NCHW, node.name() + "/nchw") : x;
        long[] hw = s.outputHw(nchw, kernel);
        Value.Dynamic out = ctx.emit1("MaxPool", node.name() + (nhwc ? "/pool_nchw" : ""), List.of(in.name()),
            ElementType.FLOAT, new long[] {nchw[0], nchw[1], hw[0], hw[1]}, OnnxTensors.ints("kernel_shape", kernel),
            OnnxTensors.ints("strides", s.strides()), OnnxTensors.ints("pads", s.pads()));
        ctx.define(node, 0, nhwc ? ctx.transpose(out, ConvConverter.TO_NHWC, node.name()) : out);
    }
}

package io.sightline.importer.tfjs;

import java.util.List;

/**
 * ResizeBilinear (NHWC, size a constant [height, width]) -> ONNX Resize, linear, with the coordinate transformation
 * TF uses: align_corners -> "align_corners", half_pixel_centers -> "half_pixel", neither -> "asymmetric".
 */
final class ResizeBilinearConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        Value.Dynamic x = ctx.dynamic(node, 0);
        int[] size = ctx.constant(node, 1).ints(node.where());
        if (x.rank() != 4 || size.length != 2) {
            throw new ImportException(node.where() + ": expects an NHWC input and a [height, width] size");
        }
        boolean alignCorners = node.bool("align_corners", false);
        boolean halfPixel = node.bool("half_pixel_centers", false);
        if (alignCorners && halfPixel) {
            throw new ImportException(node.where() + ": align_corners and half_pixel_centers are both set");
        }
        String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        Value.Dynamic in = ctx.transpose(x, ConvConverter.TO_NCHW, node.name() + "/nchw");
        long[] out = {in.shape()[0], in.shape()[1], size[0], size[1]};
        Value.Dynamic sizes = ctx.initializer(node.name() + "/sizes", ConstTensor.ofLongs(ElementType.INT,
            new long[] {4}, out));
        Value.Dynamic r = ctx.emit1("Resize", node.name() + "/resize_nchw", List.of(in.name(), "", "", sizes.name()),
            ElementType.FLOAT, out, OnnxTensors.string("mode", "linear"),
            OnnxTensors.string("coordinate_transformation_mode", mode));
        ctx.define(node, 0, ctx.transpose(r, ConvConverter.TO_NHWC, node.name()));
    }
}

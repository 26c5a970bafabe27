package io.sightline.importer.tfjs;

import java.util.List;

/** Pad (zeros) and PadV2 (constant_values), paddings a constant [rank, 2] -> ONNX Pad, constant mode. */
final class PadConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        Value.Dynamic x = ctx.dynamic(node, 0);
        int[] p = ctx.constant(node, 1).ints(node.where());
        int rank = x.rank();
        if (p.length != 2 * rank) {
            throw new ImportException(node.where() + ": paddings of " + p.length + " values for rank " + rank);
        }
        long[] pads = new long[2 * rank];
        long[] shape = x.shape().clone();
        for (int i = 0; i < rank; i++) {
            pads[i] = p[2 * i];
            pads[rank + i] = p[2 * i + 1];
            shape[i] += p[2 * i] + p[2 * i + 1];
        }
        float fill = 0f;
        if (node.op().equals("PadV2")) {
            ConstTensor c = ctx.constant(node, 2);
            if (c.size() != 1) {
                throw new ImportException(node.where() + ": constant_values is not a single value");
            }
            fill = (float) c.get(0);
        }
        Value.Dynamic padsInit = ctx.initializer(node.name() + "/pads", ConstTensor.ofLongs(ElementType.INT,
            new long[] {2L * rank}, pads));
        Value.Dynamic value = ctx.initializer(node.name() + "/value", ConstTensor.ofFloats(new long[0], new float[] {fill}));
        ctx.define(node, 0, ctx.emit1("Pad", node.name(), List.of(x.name(), padsInit.name(), value.name()), x.type(),
            shape, OnnxTensors.string("mode", "constant")));
    }
}

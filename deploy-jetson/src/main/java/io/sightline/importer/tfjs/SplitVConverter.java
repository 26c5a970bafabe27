package io.sightline.importer.tfjs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SplitV (value, size_splits, axis; one size may be -1) -> ONNX Split with a split input (opset 13). */
final class SplitVConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        Value.Dynamic x = ctx.dynamic(node, 0);
        int[] sizes = ctx.constant(node, 1).ints(node.where());
        int axis = Shapes.axis(ctx.constant(node, 2).scalarInt(node.where()), x.rank(), node.where());
        long[] split = new long[sizes.length];
        long rest = x.shape()[axis];
        int infer = -1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1) {
                infer = i;
            } else {
                split[i] = sizes[i];
                rest -= sizes[i];
            }
        }
        if (infer >= 0) {
            split[infer] = rest;
            rest = 0;
        }
        if (rest != 0 || Arrays.stream(split).anyMatch(s -> s < 0)) {
            throw new ImportException(node.where() + ": sizes " + Arrays.toString(sizes) + " do not split "
                + x.shape()[axis]);
        }
        Value.Dynamic s = ctx.initializer(node.name() + "/split", ConstTensor.ofLongs(ElementType.INT,
            new long[] {split.length}, split));
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            outs.add(ctx.outputName(node, i));
        }
        ctx.emit("Split", node.name(), List.of(x.name(), s.name()), outs, OnnxTensors.intAttr("axis", axis));
        for (int i = 0; i < split.length; i++) {
            long[] shape = x.shape().clone();
            shape[axis] = split[i];
            ctx.define(node, i, new Value.Dynamic(outs.get(i), x.type(), shape));
        }
    }
}

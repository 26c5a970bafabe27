package io.sightline.importer.tfjs;

import java.util.Arrays;
import java.util.List;

/** Reshape with a constant shape (one -1 inferred), written to ONNX fully resolved. */
final class ReshapeConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        Value.Dynamic x = ctx.dynamic(node, 0);
        int[] target = ctx.constant(node, 1).ints(node.where());
        long[] shape = new long[target.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (infer >= 0) {
                    throw new ImportException(node.where() + ": more than one -1 in shape " + Arrays.toString(target));
                }
                infer = i;
            } else {
                shape[i] = target[i];
                known *= target[i];
            }
        }
        long total = Shapes.size(x.shape());
        if (infer >= 0) {
            shape[infer] = known == 0 ? 0 : total / known;
        }
        if (Shapes.size(shape) != total) {
            throw new ImportException(node.where() + ": cannot reshape " + Arrays.toString(x.shape()) + " to "
                + Arrays.toString(target));
        }
        Value.Dynamic s = ctx.initializer(node.name() + "/shape", ConstTensor.ofLongs(ElementType.INT,
            new long[] {shape.length}, shape));
        ctx.define(node, 0, ctx.emit1("Reshape", node.name(), List.of(x.name(), s.name()), x.type(), shape));
    }
}

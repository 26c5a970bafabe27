package io.sightline.importer.tfjs;

import java.util.ArrayList;
import java.util.List;

/** ConcatV2 (values..., axis) -> ONNX Concat. */
final class ConcatConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        int n = node.inputs().size() - 1;
        if (n < 1) {
            throw new ImportException(node.where() + ": no values to concatenate");
        }
        List<Value.Dynamic> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(ctx.dynamic(node, i));
        }
        int rank = parts.get(0).rank();
        int axis = Shapes.axis(ctx.constant(node, n).scalarInt(node.where()), rank, node.where());
        long[] shape = parts.get(0).shape().clone();
        shape[axis] = 0;
        for (Value.Dynamic p : parts) {
            if (p.rank() != rank) {
                throw new ImportException(node.where() + ": concatenates ranks " + rank + " and " + p.rank());
            }
            shape[axis] += p.shape()[axis];
        }
        ctx.define(node, 0, ctx.emit1("Concat", node.name(), parts.stream().map(Value.Dynamic::name).toList(),
            parts.get(0).type(), shape, OnnxTensors.intAttr("axis", axis)));
    }
}

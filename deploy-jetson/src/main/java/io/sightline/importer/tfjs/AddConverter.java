package io.sightline.importer.tfjs;

import java.util.List;

/** Add / AddV2: folded when both inputs are constants, a Conv bias when it can be, else ONNX Add. */
final class AddConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        if (ctx.isConst(node, 0) && ctx.isConst(node, 1)) {
            ctx.define(node, 0, new Value.Const(fold(node, ctx.constant(node, 0), ctx.constant(node, 1))));
            return;
        }
        for (int c = 0; c < 2; c++) {
            if (ctx.isConst(node, c) && ctx.value(node, 1 - c) instanceof Value.Dynamic x) {
                var folded = ctx.foldBias(x, ctx.constant(node, c), node.input(c) + "/bias");
                if (folded.isPresent()) {
                    ctx.define(node, 0, folded.get());
                    return;
                }
            }
        }
        Value.Dynamic a = ctx.dynamic(node, 0);
        Value.Dynamic b = ctx.dynamic(node, 1);
        ctx.define(node, 0, ctx.emit1("Add", node.name(), List.of(a.name(), b.name()), a.type(),
            Shapes.broadcast(a.shape(), b.shape(), node.where())));
    }

    /** Elementwise sum of two constants of one type, one of which may be a single value. */
    static ConstTensor fold(TfNode node, ConstTensor a, ConstTensor b) {
        if (a.type() != b.type()) {
            throw new ImportException(node.where() + ": adds " + a.type() + " to " + b.type());
        }
        if (a.size() == 1 && b.size() != 1) {
            return fold(node, b, a);
        }
        long[] shape = Shapes.broadcast(a.shape(), b.shape(), node.where());
        if (Shapes.size(shape) != a.size() || (b.size() != 1 && b.size() != a.size())) {
            throw new ImportException(node.where() + ": constant folding supports equal shapes or a scalar only");
        }
        int n = a.size();
        if (a.type() == ElementType.FLOAT) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = a.floats()[i] + b.floats()[b.size() == 1 ? 0 : i];
            }
            return ConstTensor.ofFloats(shape, v);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = a.longs()[i] + b.longs()[b.size() == 1 ? 0 : i];
        }
        return ConstTensor.ofLongs(a.type(), shape, v);
    }
}

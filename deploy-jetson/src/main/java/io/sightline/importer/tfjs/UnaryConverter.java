package io.sightline.importer.tfjs;

import java.util.List;

/** Elementwise one-input ops: Identity (an alias), Sigmoid, LeakyRelu (alpha). */
final class UnaryConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        switch (node.op()) {
            case "Identity" -> ctx.define(node, 0, ctx.value(node, 0));
            case "Sigmoid" -> {
                Value.Dynamic x = ctx.dynamic(node, 0);
                ctx.define(node, 0, ctx.emit1("Sigmoid", node.name(), List.of(x.name()), x.type(), x.shape()));
            }
            case "LeakyRelu" -> {
                Value.Dynamic x = ctx.dynamic(node, 0);
                ctx.define(node, 0, ctx.emit1("LeakyRelu", node.name(), List.of(x.name()), x.type(), x.shape(),
                    OnnxTensors.floatAttr("alpha", node.floatAttr("alpha", 0.2f))));
            }
            default -> throw new IllegalArgumentException(node.op());
        }
    }
}

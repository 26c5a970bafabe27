package io.sightline.importer.tfjs;

/** Converts one TF op: reads its inputs from the context, emits ONNX nodes or folds, defines its outputs. */
@FunctionalInterface
public interface OpConverter {
    void convert(TfNode node, ConversionContext ctx);
}

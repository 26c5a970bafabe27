package io.sightline.importer.tfjs;

import java.util.List;
import java.util.Map;

/**
 * A TF.js graph model: the GraphDef nodes in file order, the signature's input and output tensor names
 * ({@code input_1:0}, {@code Identity:0}) and the decoded weights by name.
 */
public record TfjsModel(List<TfNode> nodes, List<String> inputs, List<String> outputs, Map<String, ConstTensor> weights) {
}

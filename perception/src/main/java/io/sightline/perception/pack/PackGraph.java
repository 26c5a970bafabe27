package io.sightline.perception.pack;

import java.util.List;

/** One ONNX graph of the pack: its file and the tensors the runtime relies on. */
public record PackGraph(String file, List<PackTensor> inputs, List<PackTensor> outputs) {
    public PackGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}

package io.sightline.quantize;

import io.sightline.runtime.onnx.ir.OnnxIr.GraphProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TypeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ValueInfoProto;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A temporary copy of a model in which the tensors to calibrate are also graph outputs, so ORT returns them. */
public final class ObservedGraph {
    private ObservedGraph() {
    }

    public static ModelProto withOutputs(ModelProto model, List<String> tensors) {
        GraphProto graph = model.getGraph();
        Set<String> present = new HashSet<>();
        graph.getOutputList().forEach(o -> present.add(o.getName()));
        GraphProto.Builder g = graph.toBuilder();
        TypeProto floatType = TypeProto.newBuilder()
            .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)).build();
        for (String t : tensors) {
            if (present.add(t)) {
                g.addOutput(ValueInfoProto.newBuilder().setName(t).setType(floatType));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }
}

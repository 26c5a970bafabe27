package io.sightline.runtime.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import io.sightline.runtime.ElementType;
import io.sightline.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Translation between ONNX Runtime's type descriptions and ours. */
final class OnnxTypes {
    private OnnxTypes() {
    }

    static List<TensorSpec> specs(String graph, Map<String, NodeInfo> infos) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : infos.values()) {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new IllegalArgumentException(graph + ": '" + node.getName() + "' is not a tensor (" + node.getInfo() + ")");
            }
            long[] shape = info.getShape();
            String[] names = info.getDimensionNames();
            List<String> dimNames = new ArrayList<>(Arrays.asList(names));
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = TensorSpec.DYNAMIC;
                } else {
                    dimNames.set(i, "");
                }
            }
            specs.add(new TensorSpec(node.getName(), elementType(graph, node.getName(), info.onnxType), shape, dimNames));
        }
        return specs;
    }

    static ElementType elementType(String graph, String tensor, TensorInfo.OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> ElementType.FLOAT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> ElementType.FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> ElementType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> ElementType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> ElementType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> ElementType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> ElementType.BOOL;
            default -> throw new IllegalArgumentException(graph + ": tensor '" + tensor + "' has unsupported element type " + type);
        };
    }

    static OnnxJavaType javaType(ElementType type) {
        return switch (type) {
            case FLOAT32 -> OnnxJavaType.FLOAT;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case INT64 -> OnnxJavaType.INT64;
            case INT32 -> OnnxJavaType.INT32;
            case INT8 -> OnnxJavaType.INT8;
            case UINT8 -> OnnxJavaType.UINT8;
            case BOOL -> OnnxJavaType.BOOL;
        };
    }
}

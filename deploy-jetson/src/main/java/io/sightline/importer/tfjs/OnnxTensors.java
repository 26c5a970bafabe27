package io.sightline.importer.tfjs;

import com.google.protobuf.ByteString;
import io.sightline.runtime.onnx.ir.OnnxIr.AttributeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorShapeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TypeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** ONNX IR building blocks for the converter: initializers from constants, attributes, value infos. */
public final class OnnxTensors {
    private OnnxTensors() {
    }

    /** Floats as float32, integers as int64, booleans as bool, in raw_data (little-endian). */
    public static TensorProto initializer(String name, ConstTensor t) {
        int n = t.size();
        ByteBuffer b;
        switch (t.type()) {
            case FLOAT -> {
                b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.floats());
            }
            case INT -> {
                b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
                b.asLongBuffer().put(t.longs());
            }
            case BOOL -> {
                b = ByteBuffer.allocate(n);
                for (long v : t.longs()) {
                    b.put((byte) (v != 0 ? 1 : 0));
                }
            }
            default -> throw new IllegalStateException();
        }
        TensorProto.Builder p = TensorProto.newBuilder().setName(name).setDataType(t.type().onnxDataType())
            .setRawData(ByteString.copyFrom(b.array()));
        for (long d : t.shape()) {
            p.addDims(d);
        }
        return p.build();
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
            .setS(ByteString.copyFromUtf8(value)).build();
    }

    public static ValueInfoProto valueInfo(String name, ElementType type, long[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
            .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.onnxDataType()).setShape(s))).build();
    }
}

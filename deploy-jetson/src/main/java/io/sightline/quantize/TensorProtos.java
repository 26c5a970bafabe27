package io.sightline.quantize;

import com.google.protobuf.ByteString;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Float and int8 TensorProto reading and building (raw_data is little-endian per the ONNX spec). */
final class TensorProtos {
    private TensorProtos() {
    }

    static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new Int8CalibrationException("initializer '" + t.getName() + "' is not float32 (data_type " + t.getDataType() + ")");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new Int8CalibrationException("initializer '" + t.getName() + "' uses external data, which INT8 quantization does not read");
        }
        if (t.hasRawData()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    static long[] dims(TensorProto t) {
        long[] d = new long[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.getDims(i);
        }
        return d;
    }

    static TensorProto floatTensor(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return rawTensor(name, TensorProto.DataType.FLOAT_VALUE, b.array(), dims);
    }

    static TensorProto int8Tensor(String name, byte[] values, long... dims) {
        return rawTensor(name, TensorProto.DataType.INT8_VALUE, values, dims);
    }

    static TensorProto int32Tensor(String name, int[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return rawTensor(name, TensorProto.DataType.INT32_VALUE, b.array(), dims);
    }

    /** An initializer of {@code type} from its little-endian bytes. */
    private static TensorProto rawTensor(String name, int type, byte[] littleEndian, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(littleEndian));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}

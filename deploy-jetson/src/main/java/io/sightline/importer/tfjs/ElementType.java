package io.sightline.importer.tfjs;

import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;

/** The element types a converted graph carries: floats flow through ONNX as float32, integers as int64. */
public enum ElementType {
    FLOAT(TensorProto.DataType.FLOAT_VALUE),
    INT(TensorProto.DataType.INT64_VALUE),
    BOOL(TensorProto.DataType.BOOL_VALUE);

    private final int onnx;

    ElementType(int onnx) {
        this.onnx = onnx;
    }

    public int onnxDataType() {
        return onnx;
    }

    /** From a TF dtype name (DT_FLOAT, DT_INT32, ...) or a TF.js one (float32, int32, bool). */
    public static ElementType of(String dtype, String where) {
        return switch (dtype) {
            case "DT_FLOAT", "float32" -> FLOAT;
            case "DT_INT32", "DT_INT64", "int32", "int64" -> INT;
            case "DT_BOOL", "bool" -> BOOL;
            default -> throw new ImportException(where + ": unsupported dtype " + dtype);
        };
    }
}

package io.sightline.runtime;

/** The element types our graphs use, with their size in bytes and their ONNX spelling. */
public enum ElementType {
    FLOAT32(4, "float32"),
    FLOAT16(2, "float16"),
    INT64(8, "int64"),
    INT32(4, "int32"),
    INT8(1, "int8"),
    UINT8(1, "uint8"),
    BOOL(1, "bool");

    private final int byteSize;
    private final String onnxName;

    ElementType(int byteSize, String onnxName) {
        this.byteSize = byteSize;
        this.onnxName = onnxName;
    }

    public int byteSize() {
        return byteSize;
    }

    @Override
    public String toString() {
        return onnxName;
    }
}

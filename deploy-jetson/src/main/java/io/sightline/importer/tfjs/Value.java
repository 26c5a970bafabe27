package io.sightline.importer.tfjs;

/** A TF tensor during conversion: a constant known now, or an ONNX value of the graph being built. */
public sealed interface Value {
    /** A constant (weight or folded). */
    record Const(ConstTensor tensor) implements Value {
    }

    /** A graph value: its ONNX name, element type and static shape. */
    record Dynamic(String name, ElementType type, long[] shape) implements Value {
        public int rank() {
            return shape.length;
        }
    }
}

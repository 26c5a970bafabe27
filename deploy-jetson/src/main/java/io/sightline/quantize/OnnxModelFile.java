package io.sightline.quantize;

import com.google.protobuf.CodedInputStream;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes ONNX models (protobuf ModelProto) through our IR subset; unknown fields round-trip. */
public final class OnnxModelFile {
    private OnnxModelFile() {
    }

    public static ModelProto read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Int8CalibrationException("cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    public static ModelProto parse(byte[] bytes, String source) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(Integer.MAX_VALUE);
            in.setRecursionLimit(1000); // nested subgraphs (If/Loop bodies) go deeper than protobuf's default of 100
            ModelProto model = ModelProto.parseFrom(in);
            if (!model.hasGraph()) {
                throw new Int8CalibrationException(source + ": not an ONNX model (no graph)");
            }
            return model;
        } catch (IOException e) {
            throw new Int8CalibrationException(source + ": not an ONNX model: " + e.getMessage(), e);
        }
    }
}

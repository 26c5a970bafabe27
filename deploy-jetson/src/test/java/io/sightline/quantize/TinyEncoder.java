package io.sightline.quantize;

import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** The tests' stand-in encoder (tiny_encoder.onnx, written by make_tiny_encoder.py with the onnx package). */
final class TinyEncoder {
    static final long[] SHAPE = {1, 3, 8, 8};

    private TinyEncoder() {
    }

    static byte[] bytes() {
        try (InputStream in = TinyEncoder.class.getResourceAsStream("tiny_encoder.onnx")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ModelProto model() {
        return OnnxModelFile.parse(bytes(), "tiny_encoder.onnx");
    }

    static float[] frame(long seed) {
        Random rng = new Random(seed);
        float[] x = new float[3 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}

package io.sightline.quantize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sightline.runtime.onnx.LayerNormDecomposition;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX Runtime CPU session over a vision encoder graph given as bytes (the calibration graph with extra
 * outputs exists only in memory). Calibration needs arbitrary intermediate outputs, which the runtime's
 * InferenceSession does not expose, hence the ORT API directly. LayerNormalization is decomposed as the
 * runtime's ONNX Runtime backend does ({@link LayerNormDecomposition}), so that timings compare the graphs the
 * service runs; tensor names, and so the calibrated ranges, are unchanged by it.
 */
public final class EncoderSession implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;
    private final String source;

    public EncoderSession(byte[] model, int threads, String source) {
        this.source = source;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            this.session = env.createSession(LayerNormDecomposition.apply(model), options);
            this.input = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new Int8CalibrationException("ONNX Runtime cannot load " + source + ": " + e.getMessage(), e);
        }
    }

    public Set<String> outputNames() {
        return session.getOutputNames();
    }

    /** Runs one frame and copies the requested float outputs. */
    public Map<String, float[]> run(float[] pixels, long[] shape, Set<String> outputs) {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape);
             OrtSession.Result result = session.run(Map.of(input, x), outputs)) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                if (fb == null) {
                    throw new Int8CalibrationException(source + ": output '" + e.getKey() + "' is not float32");
                }
                float[] values = new float[fb.remaining()];
                fb.get(values);
                out.put(e.getKey(), values);
            }
            return out;
        } catch (OrtException e) {
            throw new Int8CalibrationException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new Int8CalibrationException("closing " + source + ": " + e.getMessage(), e);
        }
    }
}

package io.sightline.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sightline.runtime.InferenceException;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.InputCheck;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session. The hot path allocates no tensor memory: input {@link OnnxTensor}s wrap the
 * caller's direct buffers (no copy) and are kept while the caller passes the same {@link Tensor} with
 * the same shape; outputs are written by ORT straight into session-owned buffers ("pinned outputs",
 * {@code OrtSession.run(inputs, pinnedOutputs)}) once a first run at the current input shapes has told
 * us the output shapes. When input shapes change (a decoder's past grows) that first run happens again.
 */
final class OnnxRuntimeSession implements InferenceSession {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String graph;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final InputCheck check;

    private final Map<String, BoundInput> bound = new HashMap<>();
    private final Map<String, OnnxTensor> ortInputs = new LinkedHashMap<>();
    private final Map<String, Tensor> outputTensors = new LinkedHashMap<>();
    private final Map<String, Tensor> outputView = Collections.unmodifiableMap(outputTensors);
    private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
    private final long[][] pinnedInputShapes;
    private boolean closed;

    private record BoundInput(Tensor source, long[] shape, OnnxTensor ort) {
    }

    OnnxRuntimeSession(OrtEnvironment env, OrtSession session, String graph) throws OrtException {
        this.env = env;
        this.session = session;
        this.graph = graph;
        this.inputs = List.copyOf(OnnxTypes.specs(graph, session.getInputInfo()));
        this.outputs = List.copyOf(OnnxTypes.specs(graph, session.getOutputInfo()));
        this.check = new InputCheck(graph, inputs);
        this.pinnedInputShapes = new long[inputs.size()][];
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> given) {
        if (closed) {
            throw new IllegalStateException(graph + ": session is closed");
        }
        check.check(given);
        try {
            for (TensorSpec spec : inputs) {
                ortInputs.put(spec.name(), wrap(spec, given.get(spec.name())));
            }
            if (!pinned.isEmpty() && pinnedShapesMatch(given)) {
                // Outputs land in outputTensors; the Result owns nothing here, closing it frees no output.
                session.run(ortInputs, pinned).close();
            } else {
                runAndPin(given);
            }
            return outputView;
        } catch (OrtException e) {
            throw new InferenceException(graph + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private OnnxTensor wrap(TensorSpec spec, Tensor tensor) throws OrtException {
        BoundInput b = bound.get(spec.name());
        if (b != null && b.source == tensor && Arrays.equals(b.shape, tensor.shapeView())) {
            return b.ort;
        }
        if (b != null) {
            b.ort.close();
        }
        OnnxTensor ort = OnnxTensor.createTensor(env, tensor.bytes(), tensor.shape(), OnnxTypes.javaType(tensor.type()));
        bound.put(spec.name(), new BoundInput(tensor, tensor.shape(), ort));
        return ort;
    }

    private boolean pinnedShapesMatch(Map<String, Tensor> given) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!Arrays.equals(pinnedInputShapes[i], given.get(inputs.get(i).name()).shapeView())) {
                return false;
            }
        }
        return true;
    }

    /** Runs with ORT-allocated outputs, copies them into our buffers, and pins those buffers for the next runs. */
    private void runAndPin(Map<String, Tensor> given) throws OrtException {
        pinned.values().forEach(OnnxTensor::close);
        pinned.clear();
        try (OrtSession.Result result = session.run(ortInputs)) {
            for (TensorSpec spec : outputs) {
                OnnxValue value = result.get(spec.name()).orElseThrow(
                    () -> new InferenceException(graph + ": ONNX Runtime returned no output '" + spec.name() + "'"));
                OnnxTensor produced = (OnnxTensor) value;
                long[] shape = produced.getInfo().getShape();
                Tensor target = outputTensor(spec, shape);
                ByteBuffer src = produced.getByteBuffer();
                target.bytes().put(src);
                pinned.put(spec.name(), OnnxTensor.createTensor(env, target.bytes(), shape, OnnxTypes.javaType(spec.type())));
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            pinnedInputShapes[i] = given.get(inputs.get(i).name()).shape();
        }
    }

    private Tensor outputTensor(TensorSpec spec, long[] shape) {
        Tensor current = outputTensors.get(spec.name());
        long needed = Tensor.elementCount(shape) * spec.type().byteSize();
        if (current == null || current.capacityBytes() < needed) {
            long capacity = Math.max(Tensor.elementCount(shape), current == null ? 0 : 2 * current.capacityBytes() / spec.type().byteSize());
            current = Tensor.withCapacity(spec.type(), Math.max(1, capacity), shape);
            outputTensors.put(spec.name(), current);
        }
        return current.reshape(shape);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pinned.values().forEach(OnnxTensor::close);
        bound.values().forEach(b -> b.ort.close());
        try {
            session.close();
        } catch (OrtException e) {
            throw new InferenceException(graph + ": closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}

package io.sightline.runtime.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.tensorrt.global.nvinfer.createInferRuntime;

import io.sightline.runtime.InferenceException;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.InputCheck;
import io.sightline.runtime.Tensor;
import io.sightline.runtime.TensorSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

/**
 * A deserialised engine with one execution context and one CUDA stream. Per call: input shapes are set
 * only when they change, host inputs are copied to device buffers (which grow and are re-bound with
 * {@code setTensorAddress} only when reallocated), {@code enqueueV3} runs on the stream, outputs come back
 * into session-owned host tensors, and the stream is synchronised before returning.
 */
final class TensorRtSession implements InferenceSession {
    private final String graph;
    private final Slf4jTensorRtLogger logger; // referenced until the runtime and engine are destroyed
    private final IRuntime runtime;
    private final ICudaEngine engine;
    private final IExecutionContext context;
    private final CUstream_st stream;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final InputCheck check;
    private final ShapePlan plan;
    private final Map<String, DeviceBuffer> device = new HashMap<>();
    private final Map<String, long[]> boundShapes = new HashMap<>();
    private final Map<Tensor, Pointer> hostPointers = new java.util.IdentityHashMap<>();
    private final Map<String, Tensor> outputTensors = new LinkedHashMap<>();
    private final Map<String, Tensor> outputView = Collections.unmodifiableMap(outputTensors);
    private boolean closed;

    TensorRtSession(String graph, Slf4jTensorRtLogger logger, byte[] serializedEngine, GraphSignature signature, ShapePlan plan) {
        this.graph = graph;
        this.logger = logger;
        this.inputs = signature.inputs();
        this.outputs = signature.outputs();
        this.check = new InputCheck(graph, inputs);
        this.plan = plan;
        this.runtime = createInferRuntime(logger);
        if (runtime == null || runtime.isNull()) {
            throw new InferenceException(graph + ": TensorRT createInferRuntime failed");
        }
        try (BytePointer bytes = new BytePointer(serializedEngine)) {
            this.engine = runtime.deserializeCudaEngine(bytes, serializedEngine.length);
        }
        if (engine == null || engine.isNull()) {
            runtime.close();
            throw new InferenceException(graph + ": TensorRT could not deserialise the engine (see the tensorrt log)");
        }
        this.context = engine.createExecutionContext();
        if (context == null || context.isNull()) {
            engine.close();
            runtime.close();
            throw new InferenceException(graph + ": TensorRT could not create an execution context (out of device memory?)");
        }
        this.stream = new CUstream_st();
        CudaCalls.check(cudaStreamCreate(stream), "cudaStreamCreate");
        for (TensorSpec spec : inputs) {
            device.put(spec.name(), new DeviceBuffer(spec.name()));
        }
        for (TensorSpec spec : outputs) {
            device.put(spec.name(), new DeviceBuffer(spec.name()));
        }
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
        for (TensorSpec spec : inputs) {
            Tensor t = given.get(spec.name());
            plan.requireInside(graph, spec.name(), t.shapeView());
            if (!Arrays.equals(boundShapes.get(spec.name()), t.shapeView())) {
                if (!context.setInputShape(spec.name(), TensorRtEngineBuilder.dims(t.shapeView()))) {
                    throw new InferenceException(graph + ": TensorRT refused shape " + Arrays.toString(t.shapeView()) + " for '" + spec.name() + "'");
                }
                boundShapes.put(spec.name(), t.shape());
            }
            long bytes = t.elementCount() * t.type().byteSize();
            DeviceBuffer buffer = bind(spec.name(), bytes);
            if (bytes > 0) {
                CudaCalls.check(cudaMemcpyAsync(buffer.address(), host(t), bytes, cudaMemcpyHostToDevice, stream), "cudaMemcpyAsync(" + spec.name() + " to device)");
            }
        }
        for (TensorSpec spec : outputs) {
            Tensor out = outputTensor(spec, shapeOf(context.getTensorShape(spec.name())));
            bind(spec.name(), out.elementCount() * spec.type().byteSize());
        }
        if (!context.enqueueV3(stream)) {
            throw new InferenceException(graph + ": TensorRT enqueueV3 failed (see the tensorrt log)");
        }
        for (TensorSpec spec : outputs) {
            Tensor out = outputTensors.get(spec.name());
            long bytes = out.elementCount() * spec.type().byteSize();
            if (bytes > 0) {
                CudaCalls.check(cudaMemcpyAsync(host(out), device.get(spec.name()).address(), bytes, cudaMemcpyDeviceToHost, stream),
                    "cudaMemcpyAsync(" + spec.name() + " to host)");
            }
        }
        CudaCalls.check(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
        return outputView;
    }

    private DeviceBuffer bind(String name, long bytes) {
        DeviceBuffer buffer = device.get(name);
        if (buffer.ensure(bytes) && !context.setTensorAddress(name, buffer.address())) {
            throw new InferenceException(graph + ": TensorRT setTensorAddress failed for '" + name + "'");
        }
        return buffer;
    }

    /** A JavaCPP view of a tensor's direct buffer, made once per tensor and shape (no per-call allocation). */
    private Pointer host(Tensor t) {
        Pointer p = hostPointers.get(t);
        long bytes = t.elementCount() * t.type().byteSize();
        if (p == null || p.limit() != bytes) {
            if (hostPointers.size() > 64) {
                hostPointers.clear(); // a caller that allocates fresh tensors per call must not grow this map forever
            }
            p = new Pointer(t.bytes());
            hostPointers.put(t, p);
        }
        return p;
    }

    private static long[] shapeOf(Dims64 dims) {
        long[] shape = new long[dims.nbDims()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.d(i);
        }
        return shape;
    }

    private Tensor outputTensor(TensorSpec spec, long[] shape) {
        Tensor current = outputTensors.get(spec.name());
        long needed = Tensor.elementCount(shape) * spec.type().byteSize();
        if (current == null || current.capacityBytes() < needed) {
            current = Tensor.withCapacity(spec.type(), Math.max(1, 2 * Tensor.elementCount(shape)), shape);
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
        cudaStreamSynchronize(stream);
        context.close();
        engine.close();
        runtime.close();
        device.values().forEach(DeviceBuffer::close);
        cudaStreamDestroy(stream);
        hostPointers.clear();
        java.lang.ref.Reference.reachabilityFence(logger);
    }
}

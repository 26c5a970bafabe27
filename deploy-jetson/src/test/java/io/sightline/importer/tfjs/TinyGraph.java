package io.sightline.importer.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny TF.js graph model written in a test, converted, and run through ONNX Runtime Java. */
final class TinyGraph {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode nodes;
    private final ArrayNode weights;
    private final ObjectNode sigInputs;
    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
    private final Map<String, long[]> inputShapes = new LinkedHashMap<>();

    TinyGraph() {
        root.put("format", "graph-model");
        nodes = root.putObject("modelTopology").putArray("node");
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add("w.bin");
        weights = group.putArray("weights");
        sigInputs = root.putObject("signature").putObject("inputs");
    }

    TinyGraph input(String name, long... shape) {
        ObjectNode n = nodes.addObject().put("name", name).put("op", "Placeholder");
        ArrayNode dims = n.putObject("attr").putObject("shape").putObject("shape").putArray("dim");
        for (long d : shape) {
            dims.addObject().put("size", String.valueOf(d));
        }
        ((ObjectNode) n.get("attr")).putObject("dtype").put("type", "DT_FLOAT");
        sigInputs.putObject(name + ":0").put("name", name + ":0");
        inputShapes.put(name, shape);
        return this;
    }

    TinyGraph floats(String name, long[] shape, float... values) {
        constNode(name, shape, "float32");
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        bin.writeBytes(b.array());
        return this;
    }

    /** A float constant stored as float16 (the quantization entry of the TF.js converter). */
    TinyGraph halfs(String name, long[] shape, short... halfBits) {
        ObjectNode w = constNode(name, shape, "float32");
        w.putObject("quantization").put("dtype", "float16").put("original_dtype", "float32");
        ByteBuffer b = ByteBuffer.allocate(2 * halfBits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short h : halfBits) {
            b.putShort(h);
        }
        bin.writeBytes(b.array());
        return this;
    }

    TinyGraph ints(String name, long[] shape, int... values) {
        constNode(name, shape, "int32");
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        bin.writeBytes(b.array());
        return this;
    }

    private ObjectNode constNode(String name, long[] shape, String dtype) {
        nodes.addObject().put("name", name).put("op", "Const");
        ObjectNode w = weights.addObject().put("name", name).put("dtype", dtype);
        ArrayNode s = w.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
        return w;
    }

    /** A node; {@code attrs} as GraphDef JSON (strings base64 via {@link #s}). */
    TinyGraph node(String name, String op, String[] inputs, String attrsJson) {
        ObjectNode n = nodes.addObject().put("name", name).put("op", op);
        ArrayNode in = n.putArray("input");
        for (String i : inputs) {
            in.add(i);
        }
        try {
            n.set("attr", JSON.readTree(attrsJson == null ? "{}" : attrsJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    static String s(String text) {
        return "{\"s\":\"" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    static String list(long... v) {
        StringBuilder b = new StringBuilder("{\"list\":{\"i\":[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(v[i]).append('"');
        }
        return b.append("]}}").toString();
    }

    TfjsModel model() {
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        byte[] shard = bin.toByteArray();
        return TfjsModelReader.read(json, "tiny model.json", p -> shard);
    }

    /** Converts with inputs named as their placeholders and outputs "tf tensor" -> onnx name. */
    ModelProto convert(String... tfOutputs) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputShapes.keySet().forEach(n -> inputs.put(n + ":0", n));
        LinkedHashMap<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < tfOutputs.length; i++) {
            outputs.put(tfOutputs[i], "out" + i);
        }
        return GraphConverter.convert(model(), inputs, outputs, "tiny", "test");
    }

    /** Runs the converted graph on one input per placeholder, in order; returns every output flattened. */
    float[][] run(ModelProto m, float[]... values) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(m.toByteArray(), o)) {
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, long[]> in : inputShapes.entrySet()) {
                feeds.put(in.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(values[i++]), in.getValue()));
            }
            try (OrtSession.Result r = s.run(feeds)) {
                float[][] out = new float[m.getGraph().getOutputCount()][];
                for (int k = 0; k < out.length; k++) {
                    FloatBuffer fb = ((OnnxTensor) r.get(k)).getFloatBuffer();
                    out[k] = new float[fb.remaining()];
                    fb.get(out[k]);
                }
                return out;
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }
}

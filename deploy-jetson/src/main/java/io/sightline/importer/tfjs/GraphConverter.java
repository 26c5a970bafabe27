package io.sightline.importer.tfjs;

import io.sightline.runtime.onnx.ir.OnnxIr.GraphProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.OperatorSetIdProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TF.js graph model -> ONNX (opset 13) ModelProto. Nodes are converted in a deterministic topological order
 * (depth first from the file's order); constants are folded where an op needs them; nodes that feed no output are
 * dropped. The same model gives the same bytes.
 */
public final class GraphConverter {
    public static final int OPSET = 13;
    public static final int IR_VERSION = 7;

    private static final Map<String, OpConverter> OPS = Map.ofEntries(
        Map.entry("Conv2D", new ConvConverter()),
        Map.entry("MaxPool", new MaxPoolConverter()),
        Map.entry("Add", new AddConverter()),
        Map.entry("AddV2", new AddConverter()),
        Map.entry("Identity", new UnaryConverter()),
        Map.entry("Sigmoid", new UnaryConverter()),
        Map.entry("LeakyRelu", new UnaryConverter()),
        Map.entry("Transpose", new TransposeConverter()),
        Map.entry("Pad", new PadConverter()),
        Map.entry("PadV2", new PadConverter()),
        Map.entry("ConcatV2", new ConcatConverter()),
        Map.entry("Reshape", new ReshapeConverter()),
        Map.entry("ResizeBilinear", new ResizeBilinearConverter()),
        Map.entry("SplitV", new SplitVConverter()),
        Map.entry("SparseToDense", new SparseToDenseConverter()));

    /** The ops this converter knows (besides Const and Placeholder). */
    public static Set<String> supportedOps() {
        return new java.util.TreeSet<>(OPS.keySet());
    }

    private GraphConverter() {
    }

    /**
     * @param inputNames  TF signature input ("input_1:0") -> ONNX graph input name, for every Placeholder
     * @param outputNames TF tensor ("Identity:0") -> ONNX graph output name, in the order of the graph's outputs
     */
    public static ModelProto convert(TfjsModel model, Map<String, String> inputNames,
                                     LinkedHashMap<String, String> outputNames, String graphName, String producerVersion) {
        Map<String, TfNode> byName = new LinkedHashMap<>();
        for (TfNode n : model.nodes()) {
            if (byName.put(n.name(), n) != null) {
                throw new ImportException("model.json: two nodes named '" + n.name() + "'");
            }
        }
        Map<String, Integer> consumers = new HashMap<>();
        for (TfNode n : model.nodes()) {
            n.inputs().forEach(i -> consumers.merge(ConversionContext.key(i), 1, Integer::sum));
        }
        ConversionContext ctx = new ConversionContext(consumers);
        Map<String, String> inputs = new HashMap<>();
        inputNames.forEach((tf, onnx) -> inputs.put(ConversionContext.key(tf), onnx));
        inputs.values().forEach(ctx::reserve);
        outputNames.values().forEach(ctx::reserve);
        List<Value.Dynamic> graphInputs = new ArrayList<>();
        for (TfNode n : order(model, byName, outputNames.keySet())) {
            switch (n.op()) {
                case "Const" -> ctx.define(n, 0, new Value.Const(constant(n, model)));
                case "Placeholder" -> {
                    String name = inputs.get(n.name() + ":0");
                    if (name == null) {
                        throw new ImportException(n.where() + ": a graph input with no name given for it");
                    }
                    Value.Dynamic in = new Value.Dynamic(name, ElementType.of(n.attr().path("dtype").path("type")
                        .asText(), n.where()), placeholderShape(n));
                    graphInputs.add(in);
                    ctx.define(n, 0, in);
                }
                default -> {
                    OpConverter c = OPS.get(n.op());
                    if (c == null) {
                        throw new ImportException("unsupported " + n.where() + " (this converter knows Const, "
                            + "Placeholder, " + String.join(", ", supportedOps()) + ")");
                    }
                    try {
                        c.convert(n, ctx);
                    } catch (ImportException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw new ImportException(n.where() + ": " + e, e);
                    }
                }
            }
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(graphName);
        graphInputs.forEach(i -> g.addInput(OnnxTensors.valueInfo(i.name(), i.type(), i.shape())));
        for (Map.Entry<String, String> o : outputNames.entrySet()) {
            TfNode producer = byName.get(ConversionContext.key(o.getKey()).replaceAll(":\\d+$", ""));
            if (producer == null) {
                throw new ImportException("model.json: no node produces output '" + o.getKey() + "'");
            }
            Value v = ctx.value(new TfNode("output " + o.getValue(), "Output", List.of(o.getKey()),
                producer.attr()), 0);
            if (!(v instanceof Value.Dynamic d)) {
                throw new ImportException("output '" + o.getKey() + "' is a constant");
            }
            ctx.emit("Identity", o.getValue(), List.of(d.name()), List.of(o.getValue()));
            g.addOutput(OnnxTensors.valueInfo(o.getValue(), d.type(), d.shape()));
        }
        prune(ctx.nodes(), ctx.initializers(), outputNames.values(), g);
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("sightline pack import")
            .setProducerVersion(producerVersion)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(g).build();
    }

    /** Depth-first topological order over the nodes the outputs need, children in input order. */
    private static List<TfNode> order(TfjsModel model, Map<String, TfNode> byName, Set<String> outputs) {
        List<TfNode> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> active = new HashSet<>();
        for (String o : outputs) {
            String name = ConversionContext.key(o).replaceAll(":\\d+$", "");
            if (!byName.containsKey(name)) {
                throw new ImportException("model.json: no node produces output '" + o + "'");
            }
            visit(byName.get(name), byName, done, active, out);
        }
        return out;
    }

    private static void visit(TfNode start, Map<String, TfNode> byName, Set<String> done, Set<String> active,
                              List<TfNode> out) {
        // iterative DFS: deep backbones would overflow a recursive one on small stacks
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {start, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            TfNode n = (TfNode) top[0];
            int i = (Integer) top[1];
            if (i == 0) {
                if (done.contains(n.name())) {
                    stack.pop();
                    continue;
                }
                active.add(n.name());
            }
            if (i < n.inputs().size()) {
                top[1] = i + 1;
                String dep = ConversionContext.key(n.inputs().get(i)).replaceAll(":\\d+$", "");
                TfNode d = byName.get(dep);
                if (d == null) {
                    throw new ImportException(n.where() + ": input '" + n.inputs().get(i) + "' names no node");
                }
                if (active.contains(dep)) {
                    throw new ImportException(n.where() + ": the graph has a cycle through '" + dep + "'");
                }
                if (!done.contains(dep)) {
                    stack.push(new Object[] {d, 0});
                }
                continue;
            }
            stack.pop();
            active.remove(n.name());
            done.add(n.name());
            out.add(n);
        }
    }

    private static ConstTensor constant(TfNode n, TfjsModel model) {
        ConstTensor t = model.weights().get(n.name());
        if (t != null) {
            return t;
        }
        throw new ImportException(n.where() + ": no weight of that name in the weights manifest");
    }

    private static long[] placeholderShape(TfNode n) {
        var dims = n.attr().path("shape").path("shape").path("dim");
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).path("size").asLong(-1);
            if (s[i] < 0) {
                throw new ImportException(n.where() + ": dimension " + i + " is not fixed (shape "
                    + dims + "); only static shapes convert");
            }
        }
        return s;
    }

    /** Keeps the nodes and initializers the outputs need, in emission order. */
    private static void prune(List<NodeProto.Builder> nodes, Map<String, TensorProto> initializers,
                              java.util.Collection<String> outputs, GraphProto.Builder g) {
        Set<String> needed = new HashSet<>(outputs);
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto.Builder n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(n.getInputList());
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                g.addNode(nodes.get(i));
            }
        }
        initializers.forEach((name, t) -> {
            if (needed.contains(name)) {
                g.addInitializer(t);
            }
        });
    }
}

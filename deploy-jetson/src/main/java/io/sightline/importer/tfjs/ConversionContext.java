package io.sightline.importer.tfjs;

import io.sightline.runtime.onnx.ir.OnnxIr.AttributeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one conversion: the value of every TF tensor converted so far, the ONNX nodes and initializers
 * emitted, and two peepholes that keep the NHWC graphs of TF small in ONNX's NCHW: a Transpose of a Transpose is
 * composed (and vanishes when the result is the identity), and a per-channel bias Add after an NHWC convolution
 * becomes the Conv's bias input.
 */
public final class ConversionContext {
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Integer> consumers;
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, TransposeOrigin> transposes = new HashMap<>();
    private final Map<String, PendingBias> biasable = new HashMap<>();

    private record TransposeOrigin(Value.Dynamic source, int[] perm) {
    }

    /** An NHWC convolution's output (after the transpose back) whose Conv has no bias yet. */
    private record PendingBias(NodeProto.Builder conv, String tfKey, long channels) {
    }

    ConversionContext(Map<String, Integer> consumers) {
        this.consumers = consumers;
    }

    /** "a/b" and "a/b:0" are output 0 of node a/b; "a/b:1" output 1. */
    public static String key(String tfInput) {
        int colon = tfInput.lastIndexOf(':');
        if (colon > 0 && tfInput.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < tfInput.length() - 1) {
            return tfInput.substring(0, colon) + ":" + Integer.parseInt(tfInput.substring(colon + 1));
        }
        return tfInput + ":0";
    }

    /** The ONNX name for output {@code index} of a TF node. */
    public String outputName(TfNode node, int index) {
        return unique(index == 0 ? node.name() : node.name() + ":" + index);
    }

    public String unique(String base) {
        String n = base;
        for (int i = 1; !names.add(n); i++) {
            n = base + "_" + i;
        }
        return n;
    }

    public void define(TfNode node, int index, Value v) {
        values.put(node.name() + ":" + index, v);
    }

    public Value value(TfNode node, int input) {
        String k = key(node.input(input));
        Value v = values.get(k);
        if (v == null) {
            throw new ImportException(node.where() + ": input '" + node.input(input) + "' is not produced by any node");
        }
        return v;
    }

    public boolean isConst(TfNode node, int input) {
        return value(node, input) instanceof Value.Const;
    }

    public ConstTensor constant(TfNode node, int input) {
        if (value(node, input) instanceof Value.Const c) {
            return c.tensor();
        }
        throw new ImportException(node.where() + ": input " + input + " ('" + node.input(input)
            + "') must be a constant, it is computed at run time");
    }

    /** The input as a graph value; a constant becomes an initializer. */
    public Value.Dynamic dynamic(TfNode node, int input) {
        Value v = value(node, input);
        if (v instanceof Value.Dynamic d) {
            return d;
        }
        return initializer(key(node.input(input)).replace(":0", ""), ((Value.Const) v).tensor());
    }

    public Value.Dynamic initializer(String base, ConstTensor t) {
        String name = unique(base);
        initializers.put(name, OnnxTensors.initializer(name, t));
        return new Value.Dynamic(name, t.type(), t.shape());
    }

    public NodeProto.Builder emit(String opType, String name, List<String> inputs, List<String> outputs,
                                  AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(unique("node/" + name))
            .addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        nodes.add(n);
        return n;
    }

    /** One-output node whose output is a fresh value named after {@code base}. */
    public Value.Dynamic emit1(String opType, String base, List<String> inputs, ElementType type, long[] shape,
                               AttributeProto... attrs) {
        String out = unique(base);
        emit(opType, out, inputs, List.of(out), attrs);
        return new Value.Dynamic(out, type, shape);
    }

    /** Transpose with the peephole: composes with a Transpose that made {@code x}; identity returns the source. */
    public Value.Dynamic transpose(Value.Dynamic x, int[] perm, String base) {
        if (Shapes.isIdentity(perm)) {
            return x;
        }
        Value.Dynamic src = x;
        int[] p = perm;
        TransposeOrigin o = transposes.get(x.name());
        if (o != null) {
            src = o.source();
            p = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                p[i] = o.perm()[perm[i]];
            }
            if (Shapes.isIdentity(p)) {
                return src;
            }
        }
        long[] pl = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            pl[i] = p[i];
        }
        Value.Dynamic out = emit1("Transpose", base, List.of(src.name()), src.type(), Shapes.permute(src.shape(), p),
            OnnxTensors.ints("perm", pl));
        transposes.put(out.name(), new TransposeOrigin(src, p));
        return out;
    }

    /** Marks {@code nhwc} (the transposed output of {@code conv}, the TF node {@code tfNode}) as taking a bias. */
    void offerBias(Value.Dynamic nhwc, NodeProto.Builder conv, TfNode tfNode, long channels) {
        biasable.put(nhwc.name(), new PendingBias(conv, tfNode.name() + ":0", channels));
    }

    /**
     * Folds a per-channel constant into the Conv that made {@code x} when the convolution feeds only this Add;
     * returns the value the Add stands for, or empty when it does not apply.
     */
    Optional<Value.Dynamic> foldBias(Value.Dynamic x, ConstTensor bias, String base) {
        PendingBias p = biasable.get(x.name());
        if (p == null || bias.type() != ElementType.FLOAT || consumers.getOrDefault(p.tfKey(), 0) != 1
            || bias.size() != p.channels() || bias.shape().length == 0 || bias.shape()[bias.shape().length - 1] != p.channels()) {
            return Optional.empty();
        }
        Value.Dynamic b = initializer(base, ConstTensor.ofFloats(new long[] {p.channels()}, bias.floats()));
        p.conv().addInput(b.name());
        biasable.remove(x.name());
        return Optional.of(x);
    }

    List<NodeProto.Builder> nodes() {
        return nodes;
    }

    Map<String, TensorProto> initializers() {
        return initializers;
    }

    void reserve(String name) {
        names.add(name);
    }
}

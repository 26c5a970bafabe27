package io.sightline.perception.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.sightline.runtime.onnx.ir.OnnxIr.AttributeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.GraphProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.NodeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.OperatorSetIdProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorShapeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TypeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A detection-only pack in the shape of the imported COCO pack (the contract of issue 19): a {@code detector.onnx}
 * with input {@code images [1,3,416,416]} and outputs {@code scores_8/16/32 [1,N,80]}, {@code distances_8/16/32
 * [1,N,44]}, whose outputs are constants (plus 0 x the image mean, so the input is used), and a manifest with
 * {@code head.kind: gfl} and no language decoder. The constants hold one "person" (class 0) at cell (6, 6) of
 * stride 32, every side 2 strides long: box (144, 144, 272, 272) in input pixels; every other score is 0.01.
 */
final class GflTestPack {
    static final int SIZE = 416;
    static final int[] STRIDES = {8, 16, 32};
    static final int CLASSES = 80;
    static final int BINS = 11;

    private GflTestPack() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_gfl")
            .addInput(value("images", 1, 3, SIZE, SIZE))
            .addInitializer(tensor("zero", new float[]{0f}, 1))
            .addNode(NodeProto.newBuilder().setOpType("ReduceMean").addInput("images").addOutput("mean")
                .addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS)
                    .addInts(1).addInts(2).addInts(3))
                .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0)))
            .addNode(NodeProto.newBuilder().setOpType("Mul").addInput("mean").addInput("zero").addOutput("nothing"));
        for (int s : STRIDES) {
            int side = SIZE / s;
            int cells = side * side;
            float[] scores = new float[cells * CLASSES];
            java.util.Arrays.fill(scores, 0.01f);
            float[] dist = new float[cells * 4 * BINS];
            for (int t = 0; t < cells; t++) {
                for (int k = 0; k < 4; k++) {
                    dist[t * 4 * BINS + k * BINS + 2] = 30f;  // every side: 2 strides (softmax ~ one-hot at bin 2)
                }
            }
            if (s == 32) {
                scores[(6 * side + 6) * CLASSES] = 0.9f;
            }
            g.addInitializer(tensor("s" + s, scores, 1, cells, CLASSES))
                .addInitializer(tensor("d" + s, dist, 1, cells, 4 * BINS))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("s" + s).addInput("nothing").addOutput("scores_" + s))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("d" + s).addInput("nothing").addOutput("distances_" + s));
        }
        for (int s : STRIDES) {
            g.addOutput(value("scores_" + s, 1, (SIZE / s) * (SIZE / s), CLASSES));
        }
        for (int s : STRIDES) {
            g.addOutput(value("distances_" + s, 1, (SIZE / s) * (SIZE / s), 4 * BINS));
        }
        ModelProto model = ModelProto.newBuilder().setIrVersion(7).setProducerName("GflTestPack")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        Path onnx = dir.resolve("detector.onnx");
        Files.write(onnx, model.toByteArray());
        Files.writeString(dir.resolve("manifest.json"), manifest(sha256(onnx), Files.size(onnx)));
        return dir;
    }

    private static String manifest(String sha, long bytes) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = json.createObjectNode().put("format", 1).put("name", "coco-nanodet").put("version", "3.0.4");
        m.putArray("tasks").add("detect");
        ObjectNode image = m.putObject("image").put("width", SIZE).put("height", SIZE).put("channels", 3)
            .put("layout", "NCHW").put("colour_order", "BGR").put("resize", "OpenCV INTER_LINEAR to width x height (no letterbox)")
            .put("scale", 1.0);
        image.putArray("mean").add(103.53).add(116.28).add(123.675);
        image.putArray("std").add(57.375).add(57.12).add(58.395);
        ArrayNode all = m.putObject("labels").putArray("all");
        all.add("person").add("bicycle").add("car");
        for (int c = 3; c < CLASSES; c++) {
            all.add("class" + c);
        }
        ObjectNode head = m.putObject("head").put("kind", "gfl").put("graph", "detector").put("reg_max", BINS - 1)
            .put("side_order", "left top right bottom").put("centre_offset", 0.5)
            .put("score_activation", "none (sigmoid in the graph)").put("nms", "class-wise").put("nms_iou", 0.6)
            .put("score_threshold", 0.05).putNull("publish_threshold").put("max_detections", 100);
        ArrayNode levels = head.putArray("levels");
        for (int s : STRIDES) {
            levels.addObject().put("stride", s).put("rows", SIZE / s).put("cols", SIZE / s).put("scores", "scores_" + s)
                .put("distances", "distances_" + s);
        }
        ObjectNode detector = m.putObject("graphs").putObject("detector").put("file", "detector.onnx");
        tensorSpec(detector.putArray("inputs"), "images", 1, 3, SIZE, SIZE);
        ArrayNode outputs = detector.putArray("outputs");
        for (int s : STRIDES) {
            tensorSpec(outputs, "scores_" + s, 1, (SIZE / s) * (SIZE / s), CLASSES);
        }
        for (int s : STRIDES) {
            tensorSpec(outputs, "distances_" + s, 1, (SIZE / s) * (SIZE / s), 4 * BINS);
        }
        m.putObject("files").putObject("detector.onnx").put("sha256", sha).put("bytes", bytes);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(m);
    }

    private static void tensorSpec(ArrayNode list, String name, long... dims) {
        ObjectNode t = list.addObject().put("name", name).put("dtype", "float32").put("rank", dims.length);
        ArrayNode shape = t.putArray("shape");
        for (long d : dims) {
            shape.add(d);
        }
    }

    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
            .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
            .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> labels() {
        return List.of("person", "bicycle", "car");
    }
}

package io.sightline.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The manifest.json of the imported coco-nanodet pack (the contract of issue 19: preprocessing, labels, the GFL
 * head and its decode parameters, the detector graph's tensors, provenance, the sha256 of every file). Fields in a
 * fixed order, no timestamps: the same import writes the same bytes.
 */
final class ImportedManifest {
    static final ObjectMapper JSON = new ObjectMapper();

    private ImportedManifest() {
    }

    /** Everything but "files" (added by the writer once the files are written). */
    static ObjectNode build(KnownRelease release, Provenance provenance, String convertedBy) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", 1);
        m.put("name", CocoNanodet.PACK_NAME);
        m.put("version", release.version());
        m.putArray("tasks").add("detect");
        ObjectNode image = m.putObject("image");
        image.put("width", CocoNanodet.SIZE);
        image.put("height", CocoNanodet.SIZE);
        image.put("channels", 3);
        image.put("layout", "NCHW");
        image.put("colour_order", "BGR");
        image.put("resize", "OpenCV INTER_LINEAR to width x height (no letterbox)");
        image.put("scale", 1.0);
        image.putArray("mean").add(103.53).add(116.28).add(123.675);
        image.putArray("std").add(57.375).add(57.12).add(58.395);
        image.put("normalise", "x = (bgr - mean) / std per channel");
        ArrayNode labels = m.putObject("labels").putArray("all");
        CocoNanodet.LABELS.forEach(labels::add);
        ObjectNode head = m.putObject("head");
        head.put("kind", "gfl");
        head.put("graph", "detector");
        head.put("reg_max", CocoNanodet.REG_MAX);
        head.put("side_order", "left top right bottom");
        head.put("centre_offset", 0.5);
        ArrayNode levels = head.putArray("levels");
        for (CocoNanodet.Level l : CocoNanodet.LEVELS) {
            ObjectNode level = levels.addObject();
            level.put("stride", l.stride());
            level.put("rows", l.rows());
            level.put("cols", l.rows());
            level.put("scores", l.scores());
            level.put("distances", l.distances());
        }
        head.put("score_activation", "none (sigmoid in the graph)");
        head.put("nms", "class-wise");
        head.put("nms_iou", 0.6);
        head.put("score_threshold", CocoNanodet.SCORE_THRESHOLD);
        head.put("publish_threshold", CocoNanodet.PUBLISH_THRESHOLD);
        head.put("max_detections", 100);
        ObjectNode graph = m.putObject("graphs").putObject("detector");
        graph.put("file", PackWriter.DETECTOR);
        tensor(graph.putArray("inputs"), CocoNanodet.INPUT, CocoNanodet.inputShape());
        ArrayNode outputs = graph.putArray("outputs");
        CocoNanodet.outputShapes().forEach((name, shape) -> tensor(outputs, name, shape));
        m.set("provenance", provenance.json(release, convertedBy));
        return m;
    }

    private static void tensor(ArrayNode list, String name, long[] shape) {
        ObjectNode t = list.addObject();
        t.put("name", name);
        t.put("dtype", "float32");
        t.put("rank", shape.length);
        ArrayNode s = t.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
    }

    /** Where the pack came from: the package, its files' digests, its licence and copyright notice. */
    record Provenance(String tarballSha256, Map<String, String> fileSha256, String licence, String copyright) {
        JsonNode json(KnownRelease release, String convertedBy) {
            ObjectNode p = JSON.createObjectNode();
            p.put("package", release.npmPackage());
            p.put("version", release.version());
            p.put("registry", "npm");
            if (tarballSha256 == null) {
                p.putNull("tarball_sha256");
            } else {
                p.put("tarball_sha256", tarballSha256);
            }
            ObjectNode files = p.putObject("files");
            new java.util.TreeMap<>(fileSha256).forEach((f, sha) -> files.putObject(f).put("sha256", sha));
            p.put("licence", licence);
            p.put("copyright", copyright);
            p.put("upstream", "https://github.com/RangiLyu/nanodet (Apache-2.0)");
            p.put("converted_by", convertedBy);
            return p;
        }
    }
}

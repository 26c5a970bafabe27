package io.sightline.transport.bench;

import com.google.protobuf.Timestamp;
import io.sightline.transport.v1.Attribute;
import io.sightline.transport.v1.BoundingBox2D;
import io.sightline.transport.v1.Detection;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.Header;
import io.sightline.transport.v1.ObjectHypothesis;
import io.sightline.transport.v1.Point3;
import io.sightline.transport.v1.Predicate;
import io.sightline.transport.v1.SpatialRelation;
import io.sightline.transport.v1.StageTimings;
import io.sightline.transport.v1.TrackState;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * DetectionFrames shaped like the pipeline's (labels, colours, boxes in a 640x480 image, base_link
 * positions on a table, relations between neighbours), for benchmarks and transport tests that need
 * realistic payload sizes before the perception pipeline exists. Deterministic per seed.
 */
public final class SyntheticFrames {
    private static final String[] LABELS = {"cup", "box", "ball", "bottle", "can", "cone", "cube"};
    private static final String[] COLOURS = {"red", "green", "blue", "yellow", "orange", "purple"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private final String robotId;
    private final String cameraId;
    private final int detections;
    private final SplittableRandom random;

    public SyntheticFrames(String robotId, String cameraId, int detections, long seed) {
        this.robotId = robotId;
        this.cameraId = cameraId;
        this.detections = detections;
        this.random = new SplittableRandom(seed);
    }

    public DetectionFrame frame(long seq) {
        Instant now = Instant.now();
        DetectionFrame.Builder f = DetectionFrame.newBuilder()
                .setHeader(Header.newBuilder().setStamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                        .setFrameId("camera_optical").setCameraId(cameraId).setSeq(seq).setRobotId(robotId))
                .setModelId("sightline-tiny@0.1.0").setBackendId("onnxruntime-cpu-fp32")
                .setImageWidth(WIDTH).setImageHeight(HEIGHT).setFrameAgeMs(12.5)
                .setTimings(StageTimings.newBuilder().setPreprocessMs(1.2).setEncodeMs(8.4).setDecodeMs(0.9)
                        .setTrackMs(0.2).setGeometryMs(0.1).setRelationsMs(0.3).setPublishMs(0.05).setTotalMs(11.3));
        for (int i = 0; i < detections; i++) {
            double w = 20 + random.nextDouble(80);
            double h = 20 + random.nextDouble(80);
            double cx = w / 2 + random.nextDouble(WIDTH - w);
            double cy = h / 2 + random.nextDouble(HEIGHT - h);
            f.addDetections(Detection.newBuilder()
                    .setTrackId(i + 1)
                    .addHypotheses(ObjectHypothesis.newBuilder().setClassId(LABELS[i % LABELS.length]).setScore(0.5 + random.nextDouble(0.5)))
                    .addAttributes(Attribute.newBuilder().setName("color").setValue(COLOURS[i % COLOURS.length]).setScore(0.9))
                    .setBbox(BoundingBox2D.newBuilder().setCenterX(cx).setCenterY(cy).setSizeX(w).setSizeY(h))
                    .setBboxNormalized(BoundingBox2D.newBuilder().setCenterX(cx / WIDTH).setCenterY(cy / HEIGHT)
                            .setSizeX(w / WIDTH).setSizeY(h / HEIGHT))
                    .setPosition(Point3.newBuilder().setX(0.4 + random.nextDouble(0.6)).setY(-0.4 + random.nextDouble(0.8)).setZ(0.75))
                    .setPositionFrameId("base_link")
                    .setTrackState(TrackState.TRACK_STATE_CONFIRMED)
                    .setTrackAgeFrames(30));
        }
        for (int i = 1; i < detections; i++) {
            f.addRelations(SpatialRelation.newBuilder().setSubjectTrackId(i).setObjectTrackId(i + 1)
                    .setPredicate(i % 2 == 0 ? Predicate.PREDICATE_LEFT_OF : Predicate.PREDICATE_BEHIND)
                    .setDistanceM(0.1 + random.nextDouble(0.5)).setFrameId("base_link"));
        }
        return f.build();
    }
}

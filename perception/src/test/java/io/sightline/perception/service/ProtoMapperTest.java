package io.sightline.perception.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.detect.Detection;
import io.sightline.perception.geometry.ObjectSize;
import io.sightline.perception.grounding.GroundingOutcome;
import io.sightline.perception.grounding.GroundingStatus;
import io.sightline.perception.language.Generation;
import io.sightline.perception.language.Prompt;
import io.sightline.perception.language.StopReason;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.ObjectResult;
import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.pipeline.PerceptionResult;
import io.sightline.perception.pipeline.StageTimings;
import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackEvent;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.vision.ImageEncoding;
import io.sightline.transport.v1.DetectionFrame;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.mqtt.GroundingResponder;
import io.sightline.transport.v1.Health;
import io.sightline.transport.v1.SceneSnapshot;
import io.sightline.transport.v1.ServiceStatus;
import io.sightline.transport.v1.SourceReport;
import io.sightline.perception.source.SourceInfo;
import io.sightline.perception.source.SourceState;
import io.sightline.perception.source.SourceStatus;
import io.sightline.transport.v1.TrackEventKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProtoMapperTest {
    private static final long EPOCH_MS = 1_764_000_000_123L;
    private final ProtoMapper mapper = new ProtoMapper("robot7", "front", "tabletop-vlm@1.0", "onnxruntime-cpu-fp32");

    private final Detection redCup = new Detection(new Box2D(100, 200, 140, 260), "cup", "red", 0.9);
    private final Detection blueBox = new Detection(new Box2D(300, 100, 400, 180), "box", "blue", 0.7);
    private final Detection ghost = new Detection(new Box2D(0, 0, 10, 10), "ball", "", 0.2);
    private final TrackedObject cupTrack = new TrackedObject(3, TrackState.CONFIRMED, redCup,
        Optional.of(new Vec3(0.5, 0.1, 0.0)), 6, 0, 9);
    private final TrackedObject boxTrack = new TrackedObject(7, TrackState.CONFIRMED, blueBox,
        Optional.of(new Vec3(0.7, -0.2, 0.0)), 4, 0, 4);

    private FrameOutcome context() {
        StageTimings t = new StageTimings(1_000_000, 2_000_000, 30_000_000, 4_000_000, 0, 5_000_000, 42_000_000);
        List<ObjectResult> objects = List.of(
            new ObjectResult(redCup, OptionalLong.of(3), Optional.of(TrackState.CONFIRMED), cupTrack.position(),
                Optional.of(new ObjectSize(0.07, 0.11))),
            new ObjectResult(blueBox, OptionalLong.of(7), Optional.of(TrackState.CONFIRMED), boxTrack.position()),
            ObjectResult.untracked(ghost));
        List<SpatialRelation> relations = List.of(new SpatialRelation(3, Predicate.LEFT_OF, 7, 0.36, 0.3, "base_link",
            "red cup left of blue box, 0.36 m"));
        PerceptionResult r = new PerceptionResult("scene demo", 12, 41, 640, 480, objects, relations,
            "a red cup left of a blue box", List.of(), 0, t, 50_000_000);
        ImageEncoding enc = new ImageEncoding(41, 640, 480, new float[4], 2, 2, new float[0], new float[0], 2_000_000, 30_000_000);
        return new FrameOutcome(r, enc, List.of(cupTrack, boxTrack), List.of());
    }

    @Test
    void detectionFrameCarriesHeaderDetectionsRelationsAndTimings() {
        DetectionFrame f = mapper.detectionFrame(context(), EPOCH_MS, 17, 0);

        assertThat(f.getHeader().getSeq()).isEqualTo(41);
        assertThat(f.getHeader().getCameraId()).isEqualTo("front");
        assertThat(f.getHeader().getRobotId()).isEqualTo("robot7");
        assertThat(f.getHeader().getFrameId()).isEqualTo(ProtoMapper.PIXEL_FRAME);
        assertThat(f.getHeader().getStamp().getSeconds()).isEqualTo(EPOCH_MS / 1000);
        assertThat(f.getHeader().getStamp().getNanos()).isEqualTo(123_000_000);
        assertThat(f.getImageWidth()).isEqualTo(640);
        assertThat(f.getImageHeight()).isEqualTo(480);
        assertThat(f.getDroppedFrames()).isEqualTo(17);
        assertThat(f.getModelId()).isEqualTo("tabletop-vlm@1.0");
        assertThat(f.getBackendId()).isEqualTo("onnxruntime-cpu-fp32");
        assertThat(f.getDetectionsCount()).isEqualTo(3);

        io.sightline.transport.v1.Detection cup = f.getDetections(0);
        assertThat(cup.getHypotheses(0).getClassId()).isEqualTo("cup");
        assertThat(cup.getHypotheses(0).getScore()).isCloseTo(0.9, within(1e-9));
        assertThat(cup.getAttributes(0).getName()).isEqualTo("color");
        assertThat(cup.getAttributes(0).getValue()).isEqualTo("red");
        assertThat(cup.getBbox().getCenterX()).isCloseTo(120, within(1e-9));
        assertThat(cup.getBbox().getCenterY()).isCloseTo(230, within(1e-9));
        assertThat(cup.getBbox().getSizeX()).isCloseTo(40, within(1e-9));
        assertThat(cup.getBbox().getSizeY()).isCloseTo(60, within(1e-9));
        assertThat(cup.getBboxNormalized().getCenterX()).isCloseTo(120.0 / 640, within(1e-9));
        assertThat(cup.getBboxNormalized().getSizeY()).isCloseTo(60.0 / 480, within(1e-9));
        assertThat(cup.getTrackId()).isEqualTo(3);
        assertThat(cup.getTrackState()).isEqualTo(io.sightline.transport.v1.TrackState.TRACK_STATE_CONFIRMED);
        assertThat(cup.getTrackAgeFrames()).isEqualTo(9);
        assertThat(cup.getPosition().getX()).isCloseTo(0.5, within(1e-9));
        assertThat(cup.getPosition().getY()).isCloseTo(0.1, within(1e-9));
        assertThat(cup.getPositionFrameId()).isEqualTo("base_link");
        assertThat(cup.hasWidthM()).isTrue();
        assertThat(cup.getWidthM()).isEqualTo(0.07);
        assertThat(cup.getHeightM()).isEqualTo(0.11);
        assertThat(f.getDetections(1).hasWidthM()).as("no size estimate, no size on the wire").isFalse();

        io.sightline.transport.v1.Detection untracked = f.getDetections(2);
        assertThat(untracked.getTrackId()).isZero();
        assertThat(untracked.getTrackState()).isEqualTo(io.sightline.transport.v1.TrackState.TRACK_STATE_UNSPECIFIED);
        assertThat(untracked.hasPosition()).isFalse();
        assertThat(untracked.getAttributesCount()).as("no colour, no attribute").isZero();

        assertThat(f.getRelationsCount()).isEqualTo(1);
        io.sightline.transport.v1.SpatialRelation rel = f.getRelations(0);
        assertThat(rel.getPredicate()).isEqualTo(io.sightline.transport.v1.Predicate.PREDICATE_LEFT_OF);
        assertThat(rel.getSubjectTrackId()).isEqualTo(3);
        assertThat(rel.getObjectTrackId()).isEqualTo(7);
        assertThat(rel.getDistanceM()).isCloseTo(0.36, within(1e-9));
        assertThat(rel.getFrameId()).isEqualTo("base_link");
        assertThat(rel.getText()).isEqualTo("red cup left of blue box, 0.36 m");

        assertThat(f.getTimings().getCaptureToPreprocessMs()).isCloseTo(1, within(1e-9));
        assertThat(f.getTimings().getPreprocessMs()).isCloseTo(2, within(1e-9));
        assertThat(f.getTimings().getEncodeMs()).isCloseTo(30, within(1e-9));
        assertThat(f.getTimings().getDecodeMs()).isCloseTo(4, within(1e-9));
        assertThat(f.getTimings().getTrackMs()).isCloseTo(5, within(1e-9));
        assertThat(f.getTimings().getTotalMs()).isCloseTo(42, within(1e-9));
        assertThat(f.getFrameAgeMs()).isCloseTo(50, within(1e-9));
    }

    @Test
    void publishTimeIsAddedToTotalAndAge() {
        DetectionFrame f = mapper.detectionFrame(context(), EPOCH_MS, 0, 3_000_000);

        assertThat(f.getTimings().getPublishMs()).isCloseTo(3, within(1e-9));
        assertThat(f.getTimings().getTotalMs()).isCloseTo(45, within(1e-9));
        assertThat(f.getFrameAgeMs()).isCloseTo(53, within(1e-9));
        assertThat(f.getDetectionsCount()).isEqualTo(3);
    }

    @Test
    void sceneSnapshotHoldsObjectsInViewAndTheDescription() {
        TrackedObject lost = new TrackedObject(9, TrackState.LOST, ghost, Optional.empty(), 5, 2, 12);
        FrameOutcome base = context();
        FrameOutcome ctx = new FrameOutcome(base.result(), base.encoding(),
            List.of(cupTrack, boxTrack, lost), List.of());

        SceneSnapshot s = mapper.sceneSnapshot(ctx, EPOCH_MS);

        assertThat(s.getDescription()).isEqualTo("a red cup left of a blue box");
        assertThat(s.getObjectsList()).extracting(io.sightline.transport.v1.Detection::getTrackId).containsExactly(3L, 7L);
        assertThat(s.getRelationsCount()).isEqualTo(1);
        assertThat(s.getHeader().getSeq()).isEqualTo(41);
        assertThat(s.getObjects(0).getWidthM()).as("the size of the track's object in this frame").isEqualTo(0.07);
        assertThat(s.getObjects(1).hasWidthM()).isFalse();
    }

    @Test
    void trackEventsKeepTheirKind() {
        for (TrackEvent.Kind kind : TrackEvent.Kind.values()) {
            io.sightline.transport.v1.TrackEvent e = mapper.trackEvent(new TrackEvent(kind, 41, cupTrack), 640, 480, EPOCH_MS);
            assertThat(e.getKind()).isEqualTo(TrackEventKind.valueOf("TRACK_EVENT_KIND_" + kind.name()));
            assertThat(e.getDetection().getTrackId()).isEqualTo(3);
            assertThat(e.getDetection().getTrackAgeFrames()).isEqualTo(9);
            assertThat(e.getHeader().getCameraId()).isEqualTo("front");
        }
    }

    private static Grounder.Answer answer(GroundingOutcome o) {
        Generation g = new Generation(Prompt.ground("the red cup"), "<loc0001> red cup", List.of(1, 2), List.of(), StopReason.EOS,
            1_000_000, 2_000_000, 50);
        return new Grounder.Answer(o, g, 41, 12);
    }

    @Test
    void groundingOkHasTargetAndEvidence() {
        SpatialRelation ev = new SpatialRelation(3, Predicate.LEFT_OF, 7, 0.36, 0.3, "base_link", "red cup left of blue box, 0.36 m");
        GroundingOutcome o = new GroundingOutcome(GroundingStatus.OK, Optional.of(cupTrack), 0.8, List.of(cupTrack),
            List.of(ev), "one red cup fits");

        GroundingResult r = mapper.groundingResult(answer(o), context(), EPOCH_MS);

        assertThat(r.getStatus()).isEqualTo(io.sightline.transport.v1.GroundingStatus.GROUNDING_STATUS_OK);
        assertThat(r.getTarget().getTrackId()).isEqualTo(3);
        assertThat(r.getTarget().getHypotheses(0).getClassId()).isEqualTo("cup");
        assertThat(r.getEvidenceCount()).isEqualTo(1);
        assertThat(r.getEvidence(0).getPredicate()).isEqualTo(io.sightline.transport.v1.Predicate.PREDICATE_LEFT_OF);
        assertThat(r.getEvidence(0).getText()).isEqualTo("red cup left of blue box, 0.36 m");
        assertThat(r.getCandidatesCount()).as("candidates only for AMBIGUOUS").isZero();
        assertThat(r.getError()).isEmpty();
        assertThat(r.getHeader().getSeq()).isEqualTo(41);
    }

    @Test
    void taskAnswersCarryTheirFieldsAndTheDetectorsColourWhereNoneWasMeasured() {
        io.sightline.perception.pipeline.SceneTasks tasks = io.sightline.perception.pipeline.SceneTasks.forLabels(List.of("cup", "box"));
        GroundingResult exists = mapper.taskResult(tasks.ask(context(), "is there a blue box?"), context(), EPOCH_MS);
        assertThat(exists.getStatus()).isEqualTo(io.sightline.transport.v1.GroundingStatus.GROUNDING_STATUS_OK);
        assertThat(exists.getQuestion()).isEqualTo(io.sightline.transport.v1.QuestionKind.QUESTION_KIND_EXISTS);
        assertThat(exists.getYesNo()).isEqualTo(io.sightline.transport.v1.YesNo.YES_NO_YES);
        assertThat(exists.getCount()).isEqualTo(1);
        assertThat(exists.getTargetsList()).extracting(io.sightline.transport.v1.Detection::getTrackId).containsExactly(7L);
        assertThat(exists.getError()).isEmpty();
        assertThat(exists.getHeader().getSeq()).isEqualTo(41);

        GroundingResult colour = mapper.taskResult(tasks.ask(context(), "what colour is the cup?"), context(), EPOCH_MS);
        assertThat(colour.getColour()).isEqualTo("red");
        assertThat(colour.getTarget().getTrackId()).isEqualTo(3);

        GroundingResult described = mapper.taskResult(tasks.describe(context()), context(), EPOCH_MS);
        assertThat(described.getText()).isEqualTo("a red cup left of a blue box");
        assertThat(described.getEvidenceList()).extracting(io.sightline.transport.v1.SpatialRelation::getText)
            .containsExactly("red cup left of blue box, 0.36 m");

        GroundingResult unread = mapper.taskResult(tasks.ask(context(), "why?"), context(), EPOCH_MS);
        assertThat(unread.getStatus()).isEqualTo(io.sightline.transport.v1.GroundingStatus.GROUNDING_STATUS_ERROR);
        assertThat(unread.getError()).contains("not supported");
        assertThat(unread.getQuestion()).isEqualTo(io.sightline.transport.v1.QuestionKind.QUESTION_KIND_UNSPECIFIED);
    }

    @Test
    void ambiguousListsCandidatesAndNoMatchSaysWhy() {
        GroundingOutcome amb = new GroundingOutcome(GroundingStatus.AMBIGUOUS, Optional.empty(), 0.6,
            List.of(cupTrack, boxTrack), List.of(), "two objects fit");
        GroundingResult a = mapper.groundingResult(answer(amb), context(), EPOCH_MS);
        assertThat(a.getStatus()).isEqualTo(io.sightline.transport.v1.GroundingStatus.GROUNDING_STATUS_AMBIGUOUS);
        assertThat(a.getCandidatesList()).extracting(io.sightline.transport.v1.Detection::getTrackId).containsExactly(3L, 7L);
        assertThat(a.hasTarget()).isFalse();
        assertThat(a.getError()).isEqualTo("two objects fit");

        GroundingOutcome none = new GroundingOutcome(GroundingStatus.NO_MATCH, Optional.empty(), 0, List.of(), List.of(),
            "the model answered none");
        GroundingResult n = mapper.groundingResult(answer(none), context(), EPOCH_MS);
        assertThat(n.getStatus()).isEqualTo(io.sightline.transport.v1.GroundingStatus.GROUNDING_STATUS_NO_MATCH);
        assertThat(n.getError()).isEqualTo("the model answered none");
    }

    @Test
    void healthCarriesTheMetrics() {
        StageTimings p50 = new StageTimings(1_000_000, 2_000_000, 20_000_000, 3_000_000, 0, 1_000_000, 27_000_000);
        StageTimings p99 = new StageTimings(2_000_000, 4_000_000, 40_000_000, 6_000_000, 0, 2_000_000, 54_000_000);
        ServiceMetrics.Snapshot m = new ServiceMetrics.Snapshot(9.5, p50, p99, 500_000, 900_000, 120, 4, 30_000_000,
            12_500_000_000L, 5);

        Health h = mapper.health(m, new GroundingResponder.Counters(7, 1, 2, 0, 6, 0), 3, 11);

        assertThat(h.getFps()).isCloseTo(9.5, within(1e-9));
        assertThat(h.getLatencyP50().getTotalMs()).isCloseTo(27.5, within(1e-9));
        assertThat(h.getLatencyP99().getEncodeMs()).isCloseTo(40, within(1e-9));
        assertThat(h.getFramesProcessed()).isEqualTo(120);
        assertThat(h.getDroppedFrames()).isEqualTo(4);
        assertThat(h.getGroundingRequests()).isEqualTo(7);
        assertThat(h.getGroundingErrors()).isEqualTo(2);
        assertThat(h.getMalformedRequests()).isEqualTo(1);
        assertThat(h.getGroundingBusy()).isEqualTo(6);
        assertThat(h.getMqttReconnects()).isEqualTo(3);
        assertThat(h.getOutboxDropped()).isEqualTo(11);
        assertThat(h.getFrameAgeP50Ms()).isCloseTo(30, within(1e-9));
        assertThat(h.getUptimeS()).isCloseTo(12.5, within(1e-9));
        assertThat(h.hasStamp()).isTrue();
    }

    @Test
    void everyPipelinePredicateAndTrackStateHasItsOwnWireValue() {
        for (Predicate p : Predicate.values()) {
            assertThat(ProtoMapper.predicate(p).name()).isEqualTo("PREDICATE_" + p.name());
        }
        for (TrackState s : TrackState.values()) {
            assertThat(ProtoMapper.trackState(s).name()).isEqualTo("TRACK_STATE_" + s.name());
        }
    }

    @Test
    void sourceReportCarriesWhatTheSourceIsAndItsSkippedFramesWithoutCredentials() {
        SourceInfo info = new SourceInfo("rtsp://***@cam.local:8554/front", 1280, 720, 29.97, "h264");
        SourceStatus status = new SourceStatus(SourceState.STREAMING, "", 500, 7, 2);

        SourceReport r = ProtoMapper.sourceReport(info, status);

        assertThat(r.getUri()).isEqualTo("rtsp://***@cam.local:8554/front");
        assertThat(r.getWidth()).isEqualTo(1280);
        assertThat(r.getHeight()).isEqualTo(720);
        assertThat(r.getFps()).isEqualTo(29.97);
        assertThat(r.getCodec()).isEqualTo("h264");
        assertThat(r.getFramesSkipped()).isEqualTo(7);
        assertThat(r.getReconnects()).isEqualTo(2);
    }

    @Test
    void credentialsNeverReachTheWireEvenFromASourceThatForgotToRedact() {
        // SourceInfo's canonical constructor takes the URI as given; the mapper redacts once more
        SourceInfo leaky = new SourceInfo("rtsp://admin:hunter2@10.0.0.5/stream1", 640, 480, 30, "h265");
        ServiceStatus status = ServiceStatus.newBuilder()
            .setSource(ProtoMapper.sourceReport(leaky, new SourceStatus(SourceState.RECONNECTING, "lost", 0, 0, 0))).build();

        assertThat(status.getSource().getUri()).isEqualTo("rtsp://***@10.0.0.5/stream1");
        assertThat(new String(status.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotContain("hunter2").doesNotContain("admin");
        assertThat(ProtoMapper.sourceReport(SourceInfo.named("http://u:p@h/mjpg"), new SourceStatus(SourceState.CONNECTING, "", 0, 0, 0))
            .getUri()).isEqualTo("http://***@h/mjpg");
    }
}

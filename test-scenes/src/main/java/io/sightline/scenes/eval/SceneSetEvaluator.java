package io.sightline.scenes.eval;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.tracking.IdSwitchCounter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Scores a run over a set of scenes: detection (COCO), grounding, relations, position error, id switches
 * and latency. Only annotated frames that have a {@link FramePrediction} are scored; the rest are counted
 * as missing, so a partial run reports honestly what it covered.
 */
public final class SceneSetEvaluator {
    private final CocoDetectionEvaluator coco = new CocoDetectionEvaluator();
    private final GroundingEvaluator grounding = new GroundingEvaluator();
    private final int relationNeighbours;

    /** Relations judged as a run with the default relations.neighbours makes them. */
    public SceneSetEvaluator() {
        this(io.sightline.perception.relations.RelationExtractor.DEFAULT_NEIGHBOURS);
    }

    /** @param relationNeighbours the relations.neighbours of the scored run ({@link RelationEvaluator}) */
    public SceneSetEvaluator(int relationNeighbours) {
        this.relationNeighbours = relationNeighbours;
    }

    public EvaluationResult evaluate(EvaluationInput in) {
        Map<FrameKey, FramePrediction> predicted = new HashMap<>();
        for (FramePrediction p : in.frames()) {
            FrameKey key = new FrameKey(p.scene(), p.frameIndex());
            if (predicted.put(key, p) != null) {
                throw new IllegalArgumentException("two predictions for scene " + p.scene() + " frame " + p.frameIndex());
            }
        }
        Map<FrameKey, List<RelationPrediction>> relationsByFrame = new HashMap<>();
        in.relations().forEach(r -> relationsByFrame.computeIfAbsent(new FrameKey(r.scene(), r.frameIndex()),
            k -> new ArrayList<>()).add(r));

        LinkedHashSet<String> scenes = new LinkedHashSet<>();
        List<DetectionFrame> detectionFrames = new ArrayList<>();
        List<GroundTruthFrame> scoredTruth = new ArrayList<>();
        List<PositionError> positionErrors = new ArrayList<>();
        Map<String, List<Double>> latency = new HashMap<>();
        RelationEvaluator relations = new RelationEvaluator(relationNeighbours);
        Map<String, IdSwitchCounter> idSwitches = new HashMap<>();
        List<FrameKey> keys = new ArrayList<>();
        int missing = 0;
        LabelMode mode = in.labelMode();
        for (GroundTruthFrame truth : in.truth()) {
            scenes.add(truth.scene());
            FramePrediction p = predicted.get(truth.key());
            if (p == null) {
                missing++;
                continue;
            }
            keys.add(truth.key());
            scoredTruth.add(truth);
            FrameAnnotation a = truth.annotation();
            detectionFrames.add(new DetectionFrame(
                a.objects().stream().map(o -> new LabelledBox(mode.of(o), o.box())).toList(),
                p.boxes().stream().map(b -> new ScoredBox(mode.of(b), b.score(), b.box())).toList()));
            List<ObjectMatching.Match> matches = ObjectMatching.match(a, p.boxes(), mode);
            for (ObjectMatching.Match m : matches) {
                if (m.predicted().position().isPresent()) {
                    Vec3 est = m.predicted().position().get();
                    Vec3 gt = m.object().position();
                    positionErrors.add(new PositionError(truth.key(), m.object().id(),
                        Math.hypot(gt.x(), gt.y()), Math.hypot(est.x() - gt.x(), est.y() - gt.y())));
                }
            }
            IdSwitchCounter sceneSwitches = idSwitches.computeIfAbsent(truth.scene(), k -> new IdSwitchCounter());
            for (ObjectMatching.Match m : matches) {
                m.predicted().trackId().ifPresent(track -> sceneSwitches.match(m.object().id(), track));
            }
            if (in.relationsReported()) {
                relations.add(truth, ObjectMatching.byObjectId(matches).keySet(),
                    relationsByFrame.getOrDefault(truth.key(), List.of()));
            }
            p.stageMillis().forEach((stage, ms) -> latency.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms));
        }
        Map<String, Percentiles> latencyMs = new HashMap<>();
        latency.forEach((stage, values) -> latencyMs.put(stage, new Percentiles(values)));
        OptionalInt matched = idSwitchesMatched(idSwitches.values());
        OptionalInt reported = in.reportedIdSwitches().isPresent() ? in.reportedIdSwitches() : matched;
        return new EvaluationResult(List.copyOf(scenes), keys.size(), missing, coco.evaluate(detectionFrames),
            grounding.evaluate(scoredTruth, in.groundings()),
            !in.relationsReported() ? RelationMetrics.NOT_MEASURED : relations.metrics(in.relationsUnresolved()),
            positionErrors, latencyMs, reported, matched, keys);
    }

    /** Id switches over all scenes; empty when no matched detection carried a track id (tracking did not run). */
    private static OptionalInt idSwitchesMatched(Collection<IdSwitchCounter> perScene) {
        boolean tracked = perScene.stream().anyMatch(c -> c.matches() > 0);
        return tracked ? OptionalInt.of(perScene.stream().mapToInt(IdSwitchCounter::switches).sum()) : OptionalInt.empty();
    }
}

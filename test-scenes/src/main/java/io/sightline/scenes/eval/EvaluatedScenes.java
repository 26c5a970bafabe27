package io.sightline.scenes.eval;

import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ground truth of the scenes under evaluation: every frame's annotation, keyed by scene name, with the
 * opened scenes kept for drawing sample frames. Two folders with the same scene name are refused, since
 * results name scenes, not folders.
 */
public final class EvaluatedScenes {
    private final Map<String, Scene> scenes = new LinkedHashMap<>();
    private final List<GroundTruthFrame> truth = new ArrayList<>();

    public static EvaluatedScenes open(List<Path> dirs) {
        EvaluatedScenes s = new EvaluatedScenes();
        for (Path dir : dirs) {
            Scene scene = SceneReader.open(dir);
            String name = scene.info().name();
            Scene previous = s.scenes.putIfAbsent(name, scene);
            if (previous != null) {
                throw new IllegalArgumentException("scenes " + previous.dir() + " and " + dir + " are both named '" + name
                    + "'; results identify scenes by name, so evaluate them separately");
            }
            try (Stream<FrameAnnotation> frames = scene.frames()) {
                frames.forEach(f -> s.truth.add(new GroundTruthFrame(name, f)));
            }
        }
        return s;
    }

    public List<GroundTruthFrame> truth() {
        return List.copyOf(truth);
    }

    public Map<String, Scene> byName() {
        return java.util.Collections.unmodifiableMap(scenes);
    }

    /** The evaluation input for a replay run read from results files. */
    public EvaluationInput input(ResultsRun run, LabelMode mode, java.util.OptionalInt reportedIdSwitches) {
        TrackRelationResolver resolver = new TrackRelationResolver();
        List<RelationPrediction> relations = resolver.resolve(truth, run.frames(), run.relations(), mode);
        return new EvaluationInput(truth, run.frames(), run.groundings(), relations, run.relationsReported(),
            resolver.unresolved(), reportedIdSwitches, mode);
    }
}

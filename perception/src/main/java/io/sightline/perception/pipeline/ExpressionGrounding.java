package io.sightline.perception.pipeline;

import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.FrameAnnotation;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneFormatException;
import io.sightline.perception.source.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay's {@code --ground-expressions}: after each frame, grounds every referring expression annotated for
 * it and adds the answers to the frame's result, so that evaluation can score grounding on the same run.
 */
public final class ExpressionGrounding {
    private final Scene scene;
    private final PerceptionPipeline pipeline;
    private final Grounder grounder;

    public ExpressionGrounding(Scene scene, PerceptionPipeline pipeline, Grounder grounder) {
        this.scene = scene;
        this.pipeline = pipeline;
        this.grounder = grounder;
    }

    public PerceptionResult apply(Frame frame, PerceptionResult result) {
        FrameAnnotation annotation;
        try {
            annotation = scene.annotation(frame.sourceIndex());
        } catch (SceneFormatException e) {
            return result; // A bad annotation line has no expressions to ask; the frame's detections still count.
        }
        PerceptionPipeline.FrameContext ctx = pipeline.latest().orElseThrow();
        long t0 = System.nanoTime();
        List<GroundingAnswer> answers = new ArrayList<>();
        for (ExpressionAnnotation e : annotation.expressions()) {
            answers.add(Grounder.toResult(e.text(), grounder.ground(ctx, e.text())));
        }
        return answers.isEmpty() ? result : result.withGroundings(answers, System.nanoTime() - t0);
    }
}

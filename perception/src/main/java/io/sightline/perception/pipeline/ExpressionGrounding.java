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
    private final Grounder grounder;

    public ExpressionGrounding(Scene scene, Grounder grounder) {
        this.scene = scene;
        this.grounder = grounder;
    }

    public FrameOutcome apply(Frame frame, FrameOutcome outcome) {
        FrameAnnotation annotation;
        try {
            annotation = scene.annotation(frame.sourceIndex());
        } catch (SceneFormatException e) {
            return outcome; // A bad annotation line has no expressions to ask; the frame's detections still count.
        }
        long t0 = System.nanoTime();
        List<GroundingAnswer> answers = new ArrayList<>();
        for (ExpressionAnnotation e : annotation.expressions()) {
            answers.add(Grounder.toResult(e.text(), grounder.ground(outcome, e.text())));
        }
        return answers.isEmpty() ? outcome : outcome.withGroundings(answers, System.nanoTime() - t0);
    }
}

package io.sightline.scenes.expressions;

import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.scene.ObjectAnnotation;
import java.util.Comparator;
import java.util.List;

/**
 * The ground-truth text for the model's {@code describe} task: each clearly visible object, left to right as the
 * robot sees it, tied where it can be to an object already named ("a red cup; a blue cube right of the red cup;
 * a green ball behind the red cup.").
 *
 * <p>The sentence is perception's ({@link io.sightline.perception.relations.SceneDescriber#sentence}), with the
 * ground-truth margins, so a predicted description and the true one follow one rule. Its relations are clear
 * cases only (the same as {@link SpatialPredicates#truth} TRUE) and are worded by {@code Predicate.words()}, each
 * relation's first phrasing ({@link RelationPhrasing}), which no split holds out, so the describe targets never
 * leak a held-out wording into train. What is ground truth's own: only referable objects are named, and a
 * reference object is named by colour and shape only when no other object in view shares both.
 */
public final class SceneDescriber {
    /** The text for a frame with nothing clearly visible. */
    public static final String EMPTY = io.sightline.perception.relations.SceneDescriber.EMPTY;

    private static final io.sightline.perception.relations.SceneDescriber SENTENCE =
            new io.sightline.perception.relations.SceneDescriber(new RelationExtractor(RelationConfig.groundTruthMargins()));

    public String describe(List<ObjectAnnotation> objects) {
        List<ObjectAnnotation> inView = objects.stream().filter(o -> o.visibility() > 0).toList();
        List<ObjectAnnotation> named = inView.stream()
                .filter(SpatialPredicates::referable)
                .sorted(Comparator.comparingDouble((ObjectAnnotation o) -> -o.position().y())
                        .thenComparingInt(ObjectAnnotation::id))
                .toList();
        return SENTENCE.sentence(named.stream().map(o -> {
            Description self = new Description(o.colour(), o.shape());
            return new io.sightline.perception.relations.SceneDescriber.Mention(self.indefinite(), self.definite(),
                    o.position(), isUniqueInView(o, inView));
        }).toList());
    }

    private static boolean isUniqueInView(ObjectAnnotation o, List<ObjectAnnotation> inView) {
        Description d = new Description(o.colour(), o.shape());
        return inView.stream().filter(d::matches).count() == 1;
    }
}

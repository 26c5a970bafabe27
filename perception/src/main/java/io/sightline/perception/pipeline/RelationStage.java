package io.sightline.perception.pipeline;

import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.relations.SceneDescriber;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackState;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;

/**
 * Relations and description over the objects that are really in view: CONFIRMED tracks matched in this frame
 * (TENTATIVE ones may be noise, LOST ones are not visible now). With none, the description says why:
 * {@link SceneDescriber#NOTHING_CONFIRMED} while only tentative tracks were matched, else
 * {@link SceneDescriber#NOTHING_IN_VIEW}.
 */
public final class RelationStage implements SceneRelations {
    private final RelationExtractor extractor;
    private final SceneDescriber describer;

    public RelationStage(RelationExtractor extractor) {
        this.extractor = extractor;
        this.describer = new SceneDescriber(extractor);
    }

    /** The tracks a frame's relations, description and grounding speak about. */
    public static List<TrackedObject> inView(List<TrackedObject> tracks) {
        return tracks.stream().filter(t -> t.state() == TrackState.CONFIRMED && t.misses() == 0).toList();
    }

    @Override
    public Output describe(List<TrackedObject> tracks) {
        List<TrackedObject> visible = inView(tracks);
        List<SpatialRelation> relations = extractor.extract(visible);
        boolean onlyTentative = visible.isEmpty()
            && tracks.stream().anyMatch(t -> t.state() == TrackState.TENTATIVE && t.misses() == 0);
        return new Output(relations, onlyTentative ? SceneDescriber.NOTHING_CONFIRMED : describer.describe(visible));
    }
}

package io.sightline.perception.pipeline;

import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;

/** The relations and description stage: tracked objects of one frame -> pairwise relations and a sentence. */
@FunctionalInterface
public interface SceneRelations {
    /** @param relations relations between tracked objects; description the sentence rendered from them */
    record Output(List<SpatialRelation> relations, String description) {
        public Output {
            relations = List.copyOf(relations);
            description = description == null ? "" : description;
        }
    }

    Output describe(List<TrackedObject> tracks);
}

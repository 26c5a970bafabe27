package io.sightline.scenes.eval;

import io.sightline.perception.relations.Predicate;

/** A relation as the pipeline reports it: {@code predicate(subject, object)} between track ids. */
public record TrackRelation(String scene, int frameIndex, long subjectTrack, Predicate predicate, long objectTrack) {}

package io.sightline.scenes.eval;

import io.sightline.scenes.expressions.Relation;

/** A relation as the pipeline reports it: {@code predicate(subject, object)} between track ids. */
public record TrackRelation(String scene, int frameIndex, long subjectTrack, Relation predicate, long objectTrack) {}

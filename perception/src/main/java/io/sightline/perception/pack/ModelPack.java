package io.sightline.perception.pack;

import io.sightline.runtime.GraphLoadException;
import io.sightline.runtime.InferenceBackend;
import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.onnx.OnnxRuntimeBackend;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated model pack folder (ARCHITECTURE.md section 4). {@link #load(Path)} refuses a pack that would
 * run wrongly: malformed {@code manifest.json}, a listed file missing or with another sha256, a graph or the
 * tokenizer (packs with a language decoder) not listed, or a graph whose tensors differ in name, type or rank from the manifest (read from the
 * opened ONNX Runtime session, not from constants). Every refusal is a {@link PackException} naming the file.
 *
 * <p>{@code vision_encoder_int8.onnx} (written by {@code sightline calibrate int8}) is optional: checked by sha256 when the manifest
 * lists it, accepted with a warning when it does not, and checked against the FP32 encoder's tensors.
 */
public final class ModelPack {
    public static final String MANIFEST = "manifest.json";
    public static final String INT8_ENCODER = "vision_encoder_int8.onnx";
    private static final Logger log = LoggerFactory.getLogger(ModelPack.class);

    private final Path dir;
    private final PackManifest manifest;

    private ModelPack(Path dir, PackManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** The pack's manifest.json alone, parsed and checked as {@link #load} does, without checking files or graphs. */
    public static PackManifest readManifest(Path dir) {
        return ManifestReader.read(dir.resolve(MANIFEST));
    }

    /** Validates the pack, opening its graphs with a one-thread ONNX Runtime to read their tensor specs. */
    public static ModelPack load(Path dir) {
        return load(dir, new OnnxRuntimeBackend(OnnxRuntimeOptions.defaults().withIntraOpThreads(1)));
    }

    /** Validates the pack, opening its graphs with {@code inspector} to read their tensor specs. */
    public static ModelPack load(Path dir, InferenceBackend inspector) {
        if (!Files.isDirectory(dir)) {
            throw new PackException(dir.toString(), "model pack folder does not exist");
        }
        PackManifest manifest = ManifestReader.read(dir.resolve(MANIFEST));
        ModelPack pack = new ModelPack(dir, manifest);
        pack.checkFiles();
        for (PackGraph g : manifest.graphs().values()) {
            pack.checkGraph(g, g.file(), inspector);
        }
        if (Files.isRegularFile(dir.resolve(INT8_ENCODER))) {
            pack.checkGraph(manifest.graph(manifest.imageGraphRole()), INT8_ENCODER, inspector);
        }
        log.info("model pack {} {} at {}: {} files verified", manifest.name(), manifest.version(), dir, manifest.files().size());
        return pack;
    }

    private void checkFiles() {
        for (PackGraph g : manifest.graphs().values()) {
            requireListed(g.file());
        }
        manifest.language().ifPresent(l -> requireListed(l.tokenizer()));
        for (PackFile f : manifest.files().values()) {
            Path p = resolve(f.path());
            if (!Files.isRegularFile(p)) {
                throw new PackException(f.path(), "listed in " + MANIFEST + " but missing from " + dir);
            }
            String actual;
            try {
                actual = FileDigest.sha256(p);
            } catch (IOException e) {
                throw new PackException(f.path(), "cannot read: " + e.getMessage(), e);
            }
            if (!actual.equals(f.sha256())) {
                throw new PackException(f.path(), "sha256 " + actual + " differs from " + MANIFEST + " (" + f.sha256()
                    + "): the file was changed or belongs to another pack");
            }
        }
        if (Files.isRegularFile(dir.resolve(INT8_ENCODER)) && !manifest.files().containsKey(INT8_ENCODER)) {
            log.warn("{}: not listed in {}, so its sha256 is not checked", INT8_ENCODER, MANIFEST);
        }
    }

    private void requireListed(String file) {
        if (!manifest.files().containsKey(file)) {
            throw new PackException(MANIFEST, "'" + file + "' is not listed in files (no sha256 to check it against)");
        }
    }

    private void checkGraph(PackGraph expected, String file, InferenceBackend inspector) {
        try (InferenceSession s = inspector.open(resolve(file))) {
            GraphCheck.check(expected, file, s);
        } catch (GraphLoadException e) {
            throw new PackException(file, "cannot be opened: " + e.getMessage(), e);
        }
    }

    private Path resolve(String relative) {
        Path p = dir.resolve(relative).normalize();
        if (!p.startsWith(dir.normalize())) {
            throw new PackException(MANIFEST, "file '" + relative + "' points outside the pack folder");
        }
        return p;
    }

    public Path dir() {
        return dir;
    }

    public PackManifest manifest() {
        return manifest;
    }

    /** The graph file of a role ({@link PackManifest#VISION_ENCODER}, ...). */
    public Path graphFile(String role) {
        return resolve(manifest.graph(role).file());
    }

    /** The tokenizer of the language decoder; a {@link PackException} for a pack without one. */
    public Path tokenizerFile() {
        return resolve(manifest.requireLanguage().tokenizer());
    }

    /** The INT8 (QDQ) encoder when the pack has one. */
    public Optional<Path> int8Encoder() {
        Path p = dir.resolve(INT8_ENCODER);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Files by path with their sha256, as verified at load. */
    public Map<String, PackFile> files() {
        return manifest.files();
    }
}

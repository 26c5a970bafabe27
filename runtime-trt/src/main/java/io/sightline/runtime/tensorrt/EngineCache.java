package io.sightline.runtime.tensorrt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialized engines on disk, one {@code <stem>.engine} plus a {@code <stem>.engine.json} sidecar that
 * holds the full {@link EngineCacheKey} and the engine's own sha256. The sidecar is checked before
 * TensorRT sees a byte: an engine from another TensorRT version or GPU, for another graph or precision,
 * or truncated by a crash is rejected (and rebuilt) instead of being deserialised into undefined behaviour.
 * Writes go to a temporary file in the same folder and are renamed atomically, engine first, sidecar
 * last, so a reader never sees a sidecar that vouches for a half-written engine.
 */
public final class EngineCache {
    private static final Logger log = LoggerFactory.getLogger(EngineCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    /** What a sidecar says. */
    public record Sidecar(String graphSha256, String tensorRtVersion, String computeCapability, String precision,
                   String shapePlan, String engineSha256, long engineBytes) {
        static Sidecar of(EngineCacheKey key, byte[] engine) {
            return new Sidecar(key.graphSha256(), key.tensorRtVersion(), key.computeCapability(), key.precision().name(),
                key.shapePlan(), EngineCacheKey.sha256(engine), engine.length);
        }

        /** Why this sidecar does not describe an engine for {@code key}; null when it does. */
        String mismatch(EngineCacheKey key) {
            if (!key.graphSha256().equals(graphSha256)) {
                return "built from another graph (sha256 " + graphSha256 + ")";
            }
            if (!key.tensorRtVersion().equals(tensorRtVersion)) {
                return "built by TensorRT " + tensorRtVersion + ", this is " + key.tensorRtVersion();
            }
            if (!key.computeCapability().equals(computeCapability)) {
                return "built for compute capability " + computeCapability + ", this GPU is " + key.computeCapability();
            }
            if (!key.precision().name().equals(precision)) {
                return "built for precision " + precision + ", " + key.precision() + " requested";
            }
            if (!key.shapePlan().equals(shapePlan)) {
                return "built for shapes " + shapePlan + ", " + key.shapePlan() + " requested";
            }
            return null;
        }
    }

    /** The result of a lookup: the engine bytes, or why there are none. */
    public sealed interface Lookup permits Hit, Miss {
    }

    public record Hit(byte[] engine, Path file) implements Lookup {
    }

    public record Miss(String reason) implements Lookup {
    }

    public EngineCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path engineFile(EngineCacheKey key) {
        return directory.resolve(key.fileStem() + ".engine");
    }

    public Path sidecarFile(EngineCacheKey key) {
        return directory.resolve(key.fileStem() + ".engine.json");
    }

    public Lookup find(EngineCacheKey key) {
        Path engine = engineFile(key);
        Path sidecar = sidecarFile(key);
        if (!Files.isRegularFile(sidecar) || !Files.isRegularFile(engine)) {
            return new Miss("no cached engine " + engine.getFileName());
        }
        try {
            Sidecar meta;
            try {
                meta = JSON.readValue(sidecar.toFile(), Sidecar.class);
            } catch (JsonProcessingException e) {
                return reject(sidecar, "unreadable sidecar: " + e.getOriginalMessage());
            }
            String mismatch = meta.mismatch(key);
            if (mismatch != null) {
                return reject(engine, mismatch);
            }
            byte[] bytes = Files.readAllBytes(engine);
            if (bytes.length != meta.engineBytes() || !EngineCacheKey.sha256(bytes).equals(meta.engineSha256())) {
                return reject(engine, "engine bytes do not match the sidecar's sha256 (truncated or replaced)");
            }
            return new Hit(bytes, engine);
        } catch (IOException e) {
            return reject(engine, "unreadable: " + e.getMessage());
        }
    }

    private Miss reject(Path file, String reason) {
        String message = "rejected cached engine " + file + ": " + reason;
        log.warn("{}; it will be rebuilt", message);
        return new Miss(message);
    }

    /** Stores an engine atomically; returns the engine file. */
    public Path store(EngineCacheKey key, byte[] engine) {
        try {
            Files.createDirectories(directory);
            Path target = engineFile(key);
            writeAtomically(target, engine);
            writeAtomically(sidecarFile(key), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(Sidecar.of(key, engine)));
            log.info("cached TensorRT engine {} ({} bytes)", target, engine.length);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write engine cache in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package io.sightline.importer;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a pack folder atomically: every file into a temporary sibling folder, manifest.json last (with the
 * sha256 and size of every other file), then one move into place. A failure leaves the target untouched.
 */
final class PackWriter {
    static final String DETECTOR = "detector.onnx";
    static final String MANIFEST = "manifest.json";

    private PackWriter() {
    }

    /** @param files pack-relative name -> bytes (not manifest.json) */
    static void write(Path out, Map<String, byte[]> files, ObjectNode manifest, boolean replace) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !replace && !isEmptyDir(target)) {
            throw new ImportFailure(out + " exists and is not empty (--force replaces it)");
        }
        Path parent = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".import-");
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Map<String, Map<String, Object>> digests = new TreeMap<>();
            for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("sha256", Sha256.of(f.getValue()));
                d.put("bytes", (long) f.getValue().length);
                digests.put(f.getKey(), d);
            }
            ObjectNode fileNode = manifest.putObject("files");
            digests.forEach((name, d) -> fileNode.putObject(name).put("sha256", (String) d.get("sha256"))
                .put("bytes", (Long) d.get("bytes")));
            Files.write(tmp.resolve(MANIFEST), json(manifest));
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.move(target, old.resolve("pack"), StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
        } catch (IOException e) {
            throw new ImportFailure("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    static byte[] json(ObjectNode manifest) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter(" ", "\n"))
            .withArrayIndenter(new DefaultIndenter(" ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            String s = ImportedManifest.JSON.writer(pp).writeValueAsString(manifest) + "\n";
            return s.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temporary folder is named .NAME.import-*
        }
    }
}

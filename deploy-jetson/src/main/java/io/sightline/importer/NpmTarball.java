package io.sightline.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads chosen files out of an npm tarball ({@code .tgz}: gzip over tar, entries under {@code package/}). */
final class NpmTarball {
    private static final long MAX_ENTRY = 1L << 30;

    private NpmTarball() {
    }

    /** The tarball's sha256 (of the file as fetched). */
    static String sha256(Path tgz) {
        try {
            return Sha256.of(tgz);
        } catch (IOException e) {
            throw new ImportFailure("tarball " + tgz + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The wanted entries' bytes; the whole archive is read, so a truncated or corrupt one fails here. */
    static PackageFiles read(Path tgz, String sha256, Set<String> wanted) {
        Map<String, byte[]> found = new HashMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                if (wanted.contains(name) && e.isFile()) {
                    if (e.getSize() > MAX_ENTRY) {
                        throw new ImportFailure("tarball " + tgz + ": entry " + name + " is " + e.getSize() + " bytes");
                    }
                    byte[] b = tar.readAllBytes();
                    if (b.length != e.getSize()) {
                        throw new ImportFailure("tarball " + tgz + ": entry " + name + " is truncated (" + b.length
                            + " of " + e.getSize() + " bytes)");
                    }
                    found.put(name, b);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ImportFailure("tarball " + tgz + ": truncated or not a gzip'd tar (" + e.getMessage() + ")", e);
        }
        for (String w : wanted) {
            if (!found.containsKey(w)) {
                throw new ImportFailure("tarball " + tgz + ": has no " + w + " (not a " + "package with this model?)");
            }
        }
        return new PackageFiles(Map.copyOf(found), Optional.of(sha256), "tarball " + tgz);
    }

    /** The same files from an unpacked package: {@code DIR/package/...} or {@code DIR} being the package folder. */
    static PackageFiles readFolder(Path dir, Set<String> wanted) {
        Path base = Files.isDirectory(dir.resolve("package")) ? dir.resolve("package") : dir;
        Map<String, byte[]> found = new HashMap<>();
        for (String w : wanted) {
            Path p = base.resolve(w.substring("package/".length()));
            try {
                found.put(w, Files.readAllBytes(p));
            } catch (IOException e) {
                throw new ImportFailure("folder " + dir + ": cannot read " + p + " (" + e.getMessage() + ")", e);
            }
        }
        return new PackageFiles(Map.copyOf(found), Optional.empty(), "folder " + dir);
    }
}

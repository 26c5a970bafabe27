package io.sightline.importer;

import java.util.Map;
import java.util.Optional;

/**
 * The files an import reads from a package (paths as in the npm tarball: {@code package/...}), and the tarball's
 * sha256 when they came from one.
 */
record PackageFiles(Map<String, byte[]> files, Optional<String> tarballSha256, String source) {
    byte[] file(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new ImportFailure(source + ": has no " + path);
        }
        return b;
    }
}

package io.sightline.perception.pack;

/** A file listed in the manifest with its expected digest and size. */
public record PackFile(String path, String sha256, long bytes) {
}

package io.sightline.perception.pack;

/**
 * A model pack that must not be used: a file is missing or tampered with, {@code manifest.json} is malformed,
 * or a graph does not have the tensors the manifest promises. The message starts with the file it is about
 * ("manifest.json: tensor 'image_features' not found in vision_encoder.onnx; has [last_hidden_state]").
 */
public final class PackException extends RuntimeException {
    private final String file;

    public PackException(String file, String message) {
        this(file, message, null);
    }

    public PackException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The pack file (relative to the pack folder) the problem is about. */
    public String file() {
        return file;
    }
}

package io.sightline.runtime;

/** Inputs that do not match the graph: a missing or unknown name, a wrong element type, rank or shape. */
public final class InputMismatchException extends InferenceException {
    private final String tensor;

    public InputMismatchException(String tensor, String message) {
        super(message);
        this.tensor = tensor;
    }

    /** The offending tensor's name. */
    public String tensor() {
        return tensor;
    }
}

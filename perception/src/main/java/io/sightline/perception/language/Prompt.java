package io.sightline.perception.language;

import java.util.Locale;
import java.util.Objects;

/**
 * What the language decoder is asked: a {@link Task} and its text (the referring expression of {@code ground}, the
 * optional label list of {@code detect}, nothing for {@code describe}). {@link #words()} is the one place that writes
 * a prompt as the task words the model was trained on ({@code models/training/vlm/tasks.py}): {@code "ground the red
 * cup"}, {@code "detect"}, {@code "detect red cup ; blue box"}, {@code "describe"}; {@link PromptEncoder} wraps them
 * in the image, {@code <bos>} and {@code <sep>} tokens. {@link #parse} reads such words back, for text typed at the
 * edges (a CLI option, a parity fixture), never in the pipeline.
 *
 * @param task what the answer is
 * @param text the task's argument, stripped; non-empty for {@code ground}, empty for {@code describe}
 */
public record Prompt(Task task, String text) {
    public Prompt {
        Objects.requireNonNull(task, "task");
        text = Objects.requireNonNull(text, "text").strip();
        switch (task) {
            case GROUND -> {
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("a ground prompt needs an expression");
                }
            }
            case DETECT -> { }
            case DESCRIBE -> {
                if (!text.isEmpty()) {
                    throw new IllegalArgumentException("a describe prompt takes no text, got '" + text + "'");
                }
            }
        }
    }

    /** {@code ground <expression>}: one box for the object the expression names, or {@code none}. */
    public static Prompt ground(String expression) {
        return new Prompt(Task.GROUND, expression);
    }

    /** {@code detect}: every object. */
    public static Prompt detect() {
        return new Prompt(Task.DETECT, "");
    }

    /** {@code detect red cup ; blue box}: the objects of those labels. */
    public static Prompt detect(String labels) {
        return new Prompt(Task.DETECT, labels);
    }

    /** {@code describe}: a sentence about the scene. */
    public static Prompt describe() {
        return new Prompt(Task.DESCRIBE, "");
    }

    /**
     * Task words as {@link #words()} writes them ({@code "ground the red cup"}); the first word names the task, in
     * any case.
     *
     * @throws IllegalArgumentException when the first word is not a task, or the text does not suit the task
     */
    public static Prompt parse(String words) {
        String[] parts = words.strip().split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        return switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "ground" -> new Prompt(Task.GROUND, rest);
            case "detect" -> new Prompt(Task.DETECT, rest);
            case "describe" -> new Prompt(Task.DESCRIBE, rest);
            default -> throw new IllegalArgumentException("prompt must start with ground, detect or describe, got '"
                + words + "'");
        };
    }

    /** The task words the model reads: the task's key, then the text when there is one. */
    public String words() {
        return text.isEmpty() ? task.key() : task.key() + " " + text;
    }

    @Override
    public String toString() {
        return words();
    }
}

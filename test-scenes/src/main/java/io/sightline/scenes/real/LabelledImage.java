package io.sightline.scenes.real;

import io.sightline.scenes.eval.LabelledBox;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One photo of a labelled image set with its hand-drawn boxes.
 *
 * @param name    the image's path as {@code labels.jsonl} gives it ("images/ocv-messi5.jpg")
 * @param file    the image file
 * @param split   VAL or TEST
 * @param objects every labelled object, in source pixels, crowd regions marked
 */
public record LabelledImage(String name, Path file, int width, int height, ImageSplit split, List<LabelledBox> objects) {
    public LabelledImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        if (split == ImageSplit.ALL) {
            throw new IllegalArgumentException(name + ": an image's split is val or test");
        }
        objects = List.copyOf(objects);
    }
}

package io.sightline.scenes.real;

import java.util.Locale;

/** Which images of a labelled image set an evaluation scores: its {@code split} field, or every image. */
public enum ImageSplit {
    VAL,
    TEST,
    ALL;

    /** "val", "test" or "all" (any case). */
    public static ImageSplit parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("split must be val, test or all, got '" + s + "'");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when an image whose split field is {@code split} (VAL or TEST) is scored under this selection. */
    public boolean includes(ImageSplit split) {
        return this == ALL || this == split;
    }
}

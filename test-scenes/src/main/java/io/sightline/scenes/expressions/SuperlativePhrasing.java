package io.sightline.scenes.expressions;

import java.util.Arrays;
import java.util.List;

/** The wordings of each {@link Extreme}: an adjective before the head or a phrase after it. */
public enum SuperlativePhrasing {
    NEAREST_TO_THE_ROBOT("nearest to the robot", Extreme.NEAREST, false),
    CLOSEST_TO_THE_ROBOT("closest to the robot", Extreme.NEAREST, false),
    FARTHEST_FROM_THE_ROBOT("farthest from the robot", Extreme.FARTHEST, false),
    FURTHEST_FROM_THE_ROBOT("furthest from the robot", Extreme.FARTHEST, false),
    LEFTMOST("leftmost", Extreme.LEFTMOST, true),
    RIGHTMOST("rightmost", Extreme.RIGHTMOST, true);

    private final String words;
    private final Extreme extreme;
    private final boolean beforeHead;

    SuperlativePhrasing(String words, Extreme extreme, boolean beforeHead) {
        this.words = words;
        this.extreme = extreme;
        this.beforeHead = beforeHead;
    }

    public String words() {
        return words;
    }

    public Extreme extreme() {
        return extreme;
    }

    /** True for "the leftmost cube", false for "the cube nearest to the robot". */
    public boolean beforeHead() {
        return beforeHead;
    }

    /** Stable id used by split policies: the words with underscores. */
    public String id() {
        return words.replace(' ', '_');
    }

    /** The whole expression for a head description: "the leftmost red cup", "the cup nearest to the robot". */
    public String phrase(Description head) {
        return beforeHead ? "the " + words + " " + head.words() : head.definite() + " " + words;
    }

    public static List<SuperlativePhrasing> of(Extreme extreme) {
        return Arrays.stream(values()).filter(p -> p.extreme == extreme).toList();
    }
}

package io.sightline.scenes.split;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which colour x shape compositions and which relation phrasings a split may use.
 *
 * <p>Generalisation is measured, not memorised (ARCHITECTURE.md section 5): the standard policy keeps a fixed
 * set of compositions (about 15% of the 6 x 6 grid) and a fixed set of phrasings out of {@code train}
 * entirely. {@code val}, {@code test} and {@code demo} allow everything; there the {@code heldOut} flag of an
 * expression marks what train never showed, so evaluation can report seen and held-out accuracy apart.
 *
 * <p>Phrasing ids are those of {@code io.sightline.scenes.expressions.Phrasing#id()}; this class keeps them as
 * strings so that the split package does not depend on the expression package.
 */
public final class SplitPolicy {
    /** Splits the generator knows; {@code demo} is for the committed demo scenes and behaves like {@code test}. */
    public static final List<String> SPLITS = List.of("train", "val", "test", "demo");

    /**
     * Held out of train: 5 of the 36 compositions (13.9%), as {@code "shape/colour"}. Each shape and each colour
     * still appears in train with four or five partners, so the parts are seen and only the pairing is new.
     */
    static final Set<String> HELD_OUT_COMPOSITIONS = Set.of(
            "cone/purple", "cup/orange", "bottle/green", "can/yellow", "ball/blue");

    /**
     * Held out of train: one phrasing of several predicates; every predicate keeps at least one phrasing in
     * train, so the relation is learnt and only the wording is new.
     */
    static final Set<String> HELD_OUT_PHRASINGS = Set.of(
            "to_the_right_of", "at_the_back_of", "close_to", "furthest_from_the_robot");

    private final String split;

    private SplitPolicy(String split) {
        this.split = split;
    }

    /** The project's fixed policy, applied as for {@code train} (the split that is restricted). */
    public static SplitPolicy standard() {
        return forSplit("train");
    }

    /**
     * @param split one of {@link #SPLITS}, case-insensitive
     * @throws IllegalArgumentException naming the value when it is not a known split
     */
    public static SplitPolicy forSplit(String split) {
        String s = split == null ? "" : split.trim().toLowerCase(Locale.ROOT);
        if (!SPLITS.contains(s)) {
            throw new IllegalArgumentException("unknown split '" + split + "'; expected one of " + SPLITS);
        }
        return new SplitPolicy(s);
    }

    public String split() {
        return split;
    }

    /** True for {@code train}, the only split from which held-out compositions and phrasings are excluded. */
    public boolean isTrain() {
        return split.equals("train");
    }

    /** May an object of this shape and colour appear in a frame of this split? */
    public boolean compositionAllowed(String shape, String colour) {
        return !isTrain() || !isHeldOutComposition(shape, colour);
    }

    /** Is this composition held out of train by the standard policy (whatever split this policy is for)? */
    public boolean isHeldOutComposition(String shape, String colour) {
        return HELD_OUT_COMPOSITIONS.contains(key(shape, colour));
    }

    /**
     * Is this detection class label ({@code "colour shape"}, as {@code ObjectAnnotation#label()} writes it) a
     * composition held out of train? False for anything else, a shape alone included.
     */
    public boolean isHeldOutLabel(String label) {
        String[] words = compositionWords(label);
        return words != null && isHeldOutComposition(words[1], words[0]);
    }

    /** Is this detection class label a {@code "colour shape"} composition that train saw? False for a shape alone. */
    public boolean isSeenLabel(String label) {
        String[] words = compositionWords(label);
        return words != null && !isHeldOutComposition(words[1], words[0]);
    }

    /** {colour, shape} of a {@code "colour shape"} label, or null for anything else. */
    private static String[] compositionWords(String label) {
        String[] words = label == null ? new String[0] : label.trim().split("\\s+");
        return words.length == 2 ? words : null;
    }

    /** Is this phrasing held out of train by the standard policy (whatever split this policy is for)? */
    public boolean isHeldOutPhrasing(String phrasingId) {
        return HELD_OUT_PHRASINGS.contains(phrasingId);
    }

    /** May an expression in this split use this phrasing? */
    public boolean phrasingAllowed(String phrasingId) {
        return !isTrain() || !isHeldOutPhrasing(phrasingId);
    }

    /** The held-out compositions as {@code "shape/colour"}, sorted, for reports and the README. */
    public List<String> heldOutCompositions() {
        return HELD_OUT_COMPOSITIONS.stream().sorted().toList();
    }

    /** The held-out phrasing ids, sorted. */
    public List<String> heldOutPhrasings() {
        return HELD_OUT_PHRASINGS.stream().sorted().toList();
    }

    private static String key(String shape, String colour) {
        return shape.toLowerCase(Locale.ROOT) + "/" + colour.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SplitPolicy[" + split + "]";
    }
}

package io.sightline.scenes.real;

import java.util.Locale;

/** What a hand-written referring expression of the real set ({@code expressions.jsonl}) tests. */
public enum RealExpressionKind {
    /** Colour or size of the object: "the red bus", "the small orange". */
    ATTRIBUTE,
    /** A relation to another object: left of / right of / in front of / behind / near / between. */
    RELATIONAL,
    /** An order over the objects: leftmost, second from the left, nearest, biggest. */
    ORDINAL,
    /** The class alone, unique in the image: "the dog". */
    CLASS,
    /** Refers to nothing: an absent object, or a relation that does not hold. Its answer should be "none". */
    NO_TARGET,
    /** Everyday wording a template generator would not produce: "the thing you'd drink coffee from". */
    PARAPHRASE;

    /** "attribute", "no_target": the form used in metric keys. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The exact upper-case name ("ORDINAL"); anything else fails with the list of kinds. */
    public static RealExpressionKind parse(String s) {
        for (RealExpressionKind k : values()) {
            if (k.name().equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be one of ATTRIBUTE, RELATIONAL, ORDINAL, CLASS, NO_TARGET, PARAPHRASE, got '"
            + s + "'");
    }
}

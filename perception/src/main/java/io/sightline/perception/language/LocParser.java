package io.sightline.perception.language;

import java.util.List;

/**
 * Turns an answer text into boxes. {@link #parse} is lenient: a malformed group is skipped (the rest of the
 * answer still counts, which is what a planner wants from a model that went slightly wrong); {@link #parseStrict}
 * throws a {@link LocParseException} naming the first malformed group (tests, evaluation of exact output).
 */
public interface LocParser {
    List<LocResult> parse(String text);

    List<LocResult> parseStrict(String text);

    /** The parser for a manifest's {@code grammar}: {@code paligemma-loc} (with its bin count) or {@code florence2-loc}. */
    static LocParser forGrammar(String grammar, int bins) {
        return switch (grammar) {
            case "paligemma-loc" -> new PaligemmaLocParser(bins);
            case "florence2-loc" -> new Florence2LocParser();
            default -> throw new IllegalArgumentException("unknown answer grammar '" + grammar
                + "'; known: paligemma-loc, florence2-loc");
        };
    }
}

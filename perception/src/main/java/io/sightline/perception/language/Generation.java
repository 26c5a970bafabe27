package io.sightline.perception.language;

import java.util.List;

/**
 * A decoded answer.
 *
 * @param prompt               what was asked
 * @param text                 the answer without {@code <eos>}: loc tokens joined, words separated by spaces
 *                             ("{@code <loc0012><loc0034><loc0100><loc0200> red cup}")
 * @param tokens               generated ids, including the final {@code <eos>} when there is one
 * @param locs                 the boxes of the answer's complete groups, as the grammar walk decoded them (empty for
 *                             {@code none} and {@code describe})
 * @param stopReason           {@code EOS} or {@code MAX_TOKENS}
 * @param timeToFirstTokenNanos from the call to the first generated token (tokenize + embed + prompt step)
 * @param totalNanos           the whole call
 * @param tokensPerSecond      steady-state rate after the first token: (tokens - 1) / (total - first token);
 *                             0 when only one token was generated
 */
public record Generation(Prompt prompt, String text, List<Integer> tokens, List<LocResult> locs, StopReason stopReason,
                         long timeToFirstTokenNanos, long totalNanos, double tokensPerSecond) {
    public Generation {
        tokens = List.copyOf(tokens);
        locs = List.copyOf(locs);
    }

    /** The model answered {@code none}: no object fits the expression. */
    public boolean isNone() {
        return text.strip().equals("none");
    }
}

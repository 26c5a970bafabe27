package io.sightline.transport.config;

/**
 * The {@code grounding} section, read by the perception service: how a grounding request's answer becomes a target.
 *
 * @param relationCheck what the chosen track must satisfy of the relation the expression states ("the cup left of
 *                      the blue cube"), measured on the tracks' positions: {@code unsupported} (NO_MATCH unless a
 *                      tracked anchor shows it holding), {@code contradicted} (NO_MATCH only when every tracked anchor
 *                      shows the opposite) or {@code off}
 * @param noneThreshold the share of the language decoder's first-step probability that {@code none} needs to be the
 *                      answer; 0 = the model pack's {@code prompt.none_threshold.ground}
 */
public record GroundingSection(RelationCheck relationCheck, double noneThreshold) {
    public enum RelationCheck { UNSUPPORTED, CONTRADICTED, OFF }

    public GroundingSection {
        relationCheck = relationCheck == null ? RelationCheck.UNSUPPORTED : relationCheck;
        if (!(noneThreshold == 0 || (noneThreshold > 0 && noneThreshold < 1))) {
            throw new ConfigException("grounding.none_threshold: " + noneThreshold
                    + " must be 0 (the model pack's) or strictly between 0 and 1");
        }
    }
}

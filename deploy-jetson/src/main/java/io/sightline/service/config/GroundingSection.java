package io.sightline.service.config;

import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.transport.config.ConfigException;
import java.util.Locale;

/**
 * The {@code grounding} section: how a grounding request's answer becomes a target.
 *
 * @param relationCheck what the chosen track must satisfy of the relation the expression states ("the cup left of
 *                      the blue cube"), measured on the tracks' positions ({@link GroundingConfig.RelationCheck})
 * @param noneThreshold the share of the language decoder's first-step probability that {@code none} needs to be the
 *                      answer; 0 = the model pack's {@code prompt.none_threshold.ground}
 */
public record GroundingSection(GroundingConfig.RelationCheck relationCheck, double noneThreshold) {
    public GroundingSection {
        relationCheck = relationCheck == null ? GroundingConfig.RelationCheck.UNSUPPORTED : relationCheck;
        if (!(noneThreshold == 0 || (noneThreshold > 0 && noneThreshold < 1))) {
            throw new ConfigException("grounding.none_threshold: " + noneThreshold
                    + " must be 0 (the model pack's) or strictly between 0 and 1");
        }
    }

    /** The default matching rules with this relation check. */
    public GroundingConfig matching() {
        return GroundingConfig.defaults().withRelationCheck(relationCheck);
    }

    /** {@code options} with this none threshold, or unchanged when it is 0 (the pack's). */
    public VlmOptions decoding(VlmOptions options) {
        return noneThreshold > 0 ? options.withGroundNoneThreshold(noneThreshold) : options;
    }

    /** For the start-up log: "relation check unsupported, none threshold 0.95 (the pack's)". */
    public String describe(double effectiveNoneThreshold) {
        return "relation check " + relationCheck.name().toLowerCase(Locale.ROOT) + ", none threshold "
            + effectiveNoneThreshold + (noneThreshold > 0 ? " (grounding.none_threshold)" : " (the pack's)");
    }
}

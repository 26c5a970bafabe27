package io.sightline.perception.service;

import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.transport.config.GroundingSection;

/** The configuration's {@code grounding} section as the matcher's settings and the decoder's options. */
final class ServiceGrounding {
    private ServiceGrounding() {
    }

    /** The default matching rules with the section's relation check. */
    static GroundingConfig matching(GroundingSection section) {
        return GroundingConfig.defaults().withRelationCheck(switch (section.relationCheck()) {
            case UNSUPPORTED -> GroundingConfig.RelationCheck.UNSUPPORTED;
            case CONTRADICTED -> GroundingConfig.RelationCheck.CONTRADICTED;
            case OFF -> GroundingConfig.RelationCheck.OFF;
        });
    }

    /** {@code options} with the section's none threshold, or unchanged when it is 0 (the pack's). */
    static VlmOptions decoding(VlmOptions options, GroundingSection section) {
        return section.noneThreshold() > 0 ? options.withGroundNoneThreshold(section.noneThreshold()) : options;
    }

    /** For the start-up log: "relation check unsupported, none threshold 0.95 (the pack's)". */
    static String describe(GroundingSection section, double effectiveNoneThreshold) {
        return "relation check " + section.relationCheck().name().toLowerCase(java.util.Locale.ROOT) + ", none threshold "
            + effectiveNoneThreshold + (section.noneThreshold() > 0 ? " (grounding.none_threshold)" : " (the pack's)");
    }
}

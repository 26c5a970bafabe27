package io.sightline.perception.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.transport.config.GroundingSection;
import org.junit.jupiter.api.Test;

class ServiceGroundingTest {
    @Test
    void theSectionSetsTheRelationCheckAndOnlyANonZeroThresholdReplacesThePacks() {
        GroundingSection contradicted = new GroundingSection(GroundingSection.RelationCheck.CONTRADICTED, 0);
        assertThat(ServiceGrounding.matching(contradicted))
            .isEqualTo(GroundingConfig.defaults().withRelationCheck(GroundingConfig.RelationCheck.CONTRADICTED));
        assertThat(ServiceGrounding.matching(new GroundingSection(GroundingSection.RelationCheck.OFF, 0)).relationCheck())
            .isEqualTo(GroundingConfig.RelationCheck.OFF);
        assertThat(ServiceGrounding.matching(new GroundingSection(null, 0)).relationCheck())
            .isEqualTo(GroundingConfig.RelationCheck.UNSUPPORTED);

        VlmOptions options = VlmOptions.onnxRuntime(1);
        assertThat(ServiceGrounding.decoding(options, contradicted).groundNoneThreshold()).isEmpty();
        assertThat(ServiceGrounding.decoding(options, new GroundingSection(GroundingSection.RelationCheck.OFF, 0.7))
            .groundNoneThreshold()).hasValue(0.7);
        assertThat(ServiceGrounding.describe(contradicted, 0.95)).isEqualTo("relation check contradicted, none threshold 0.95 (the pack's)");
    }
}

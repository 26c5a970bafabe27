package io.sightline.service.config;

import io.sightline.perception.detect.DetectionConfig;
import io.sightline.perception.pack.HeadSpec;
import io.sightline.transport.config.ConfigException;
import java.util.Locale;

/**
 * The {@code detection} section: the score at which detections are published.
 *
 * @param minScore 0 = the pack's operating point ({@code head.publish_threshold} of its manifest, per class where it
 *                 has them); else one threshold for every class in (0, 1], overriding the pack's
 */
public record DetectionSection(double minScore) {
    public DetectionSection {
        if (!(minScore == 0 || (minScore > 0 && minScore <= 1))) {
            throw new ConfigException("detection.min_score: " + minScore
                + " must be 0 (the model pack's publish_threshold) or in (0, 1]");
        }
    }

    /** The decoding thresholds run publishes at: the pack's operating point, or {@code min_score} for every class. */
    public DetectionConfig publishing(HeadSpec head) {
        return minScore > 0 ? DetectionConfig.atThreshold(head, minScore) : DetectionConfig.operatingPoint(head);
    }

    /** For the start-up log: "publishing at score >= 0.30 (detection.min_score)". */
    public String describe(HeadSpec head) {
        return minScore > 0 ? String.format(Locale.ROOT, "publishing at score >= %.2f (detection.min_score)", minScore)
            : String.format(Locale.ROOT, "publishing at the pack's operating point (score >= %.2f%s)", head.publishThreshold(),
                head.publishThresholdPerClass().isEmpty() ? "" : ", per class " + head.publishThresholdPerClass());
    }
}

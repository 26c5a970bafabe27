package io.sightline.transport.config;

/**
 * Everything {@code sightline run} is configured with, after defaults, the YAML file, SIGHTLINE_*
 * environment variables and CLI flags were applied (in that order; see {@link ConfigLoader}).
 */
public record SightlineConfig(MqttConfig mqtt, SourceConfig source, ModelConfig model, GroundingSection grounding) {
    public SightlineConfig {
        if (mqtt == null || source == null || model == null || grounding == null) {
            throw new ConfigException("configuration needs the sections mqtt, source, model and grounding");
        }
    }

    /** The same configuration with another {@code mqtt} section. */
    public SightlineConfig withMqtt(MqttConfig other) {
        return new SightlineConfig(other, source, model, grounding);
    }
}

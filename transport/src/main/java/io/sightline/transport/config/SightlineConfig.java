package io.sightline.transport.config;

/**
 * Everything {@code sightline run} is configured with, after defaults, the YAML file, SIGHTLINE_*
 * environment variables and CLI flags were applied (in that order; see {@link ConfigLoader}).
 */
public record SightlineConfig(MqttConfig mqtt, SourceConfig source, ModelConfig model) {
    public SightlineConfig {
        if (mqtt == null || source == null || model == null) {
            throw new ConfigException("configuration needs the sections mqtt, source and model");
        }
    }
}

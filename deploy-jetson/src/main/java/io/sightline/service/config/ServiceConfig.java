package io.sightline.service.config;

import io.sightline.transport.config.ConfigException;
import io.sightline.transport.config.ConfigLoader;
import io.sightline.transport.config.MqttConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@code sightline run} is configured with, after defaults, the YAML file, SIGHTLINE_* environment
 * variables and CLI flags were applied (in that order; see {@link ConfigLoader}). Bound here, where the service is
 * assembled, so that each section uses the domain's own types (a backend is a {@code BackendPreference}, a
 * precision an {@code EncoderPrecision}): an invalid value fails at load with the key and the allowed values.
 */
public record ServiceConfig(MqttConfig mqtt, SourceSection source, ModelSection model, DetectionSection detection,
                            TrackingSection tracking, RelationsSection relations, GroundingSection grounding,
                            HttpSection http, RecordSection record) {
    /** The service's own sections' defaults, beside transport's {@link ConfigLoader#MQTT_DEFAULTS}. */
    static final String DEFAULTS = "service-defaults.yaml";

    public ServiceConfig {
        if (mqtt == null || source == null || model == null || detection == null || tracking == null || relations == null
            || grounding == null || http == null || record == null) {
            throw new ConfigException("configuration needs the sections mqtt, source, model, detection, tracking,"
                + " relations, grounding, http and record");
        }
    }

    /** The loader of the whole file: transport's {@code mqtt} section, then {@code source}, {@code model}, {@code detection},
     * {@code tracking}, {@code relations}, {@code grounding}, {@code http}, {@code record}. */
    public static ConfigLoader<ServiceConfig> loader() {
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> sections = new LinkedHashMap<>();
        sections.put("mqtt", ConfigLoader.mqttDefaults());
        for (String s : new String[] {"source", "model", "detection", "tracking", "relations", "grounding", "http", "record"}) {
            sections.put(s, ConfigLoader.section(ServiceConfig.class, DEFAULTS, s));
        }
        return new ConfigLoader<>(ServiceConfig.class, sections);
    }

    /** The same configuration with another {@code mqtt} section. */
    public ServiceConfig withMqtt(MqttConfig other) {
        return new ServiceConfig(other, source, model, detection, tracking, relations, grounding, http, record);
    }
}

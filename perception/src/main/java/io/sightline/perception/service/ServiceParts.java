package io.sightline.perception.service;

import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.transport.broker.BrokerChoice;
import io.sightline.transport.config.MqttConfig;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.ServiceStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything {@link PerceptionService} runs, opened by the composition root (the CLI's {@code ServiceAssembly})
 * and owned by the service from {@link PerceptionService#start} on: it closes each of them.
 *
 * @param vlm            the opened model pack
 * @param source         the camera, not yet opened (the capture thread opens it)
 * @param pipeline       the frame pipeline over {@code vlm} with this camera's geometry
 * @param grounder       grounding requests on the latest frame; empty for a pack without a language decoder
 *                       (requests are answered UNAVAILABLE with {@code VlmModel#languageUnavailableReason()})
 * @param mapper         domain -> wire messages, with this service's robot, camera, model and backend ids
 * @param condition      what makes the service DEGRADED
 * @param statusTemplate the ServiceStatus fields that do not change while it runs (version, backend, model, camera)
 * @param broker         the broker in use (closing it stops an embedded one)
 * @param client         connected or connecting MQTT client
 * @param mqtt           request limits and the shared-subscription group for the grounding responder
 * @param console        receives the live status line once a second; a no-op when none is wanted
 * @param recorder       keeps the processed frames ({@link FrameRecorder#NONE} when nothing is recorded); its
 *                       failure makes the service DEGRADED, never stops it
 */
public record ServiceParts(VlmModel vlm, FrameSource source, PerceptionPipeline pipeline, Optional<Grounder> grounder,
                           ProtoMapper mapper, ServiceCondition condition, ServiceStatus statusTemplate,
                           BrokerChoice broker, SightlineMqttClient client, MqttConfig mqtt, Consumer<String> console,
                           FrameRecorder recorder) {
    public ServiceParts {
        Objects.requireNonNull(vlm, "vlm");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(grounder, "grounder");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(statusTemplate, "statusTemplate");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(recorder, "recorder");
    }

    /** Parts of a service that records nothing. */
    public ServiceParts(VlmModel vlm, FrameSource source, PerceptionPipeline pipeline, Optional<Grounder> grounder,
                        ProtoMapper mapper, ServiceCondition condition, ServiceStatus statusTemplate,
                        BrokerChoice broker, SightlineMqttClient client, MqttConfig mqtt, Consumer<String> console) {
        this(vlm, source, pipeline, grounder, mapper, condition, statusTemplate, broker, client, mqtt, console,
            FrameRecorder.NONE);
    }
}

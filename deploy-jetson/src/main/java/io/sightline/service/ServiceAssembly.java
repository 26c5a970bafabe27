package io.sightline.service;

import io.sightline.calibration.camera.CameraFiles;
import io.sightline.http.ChatCompletions;
import io.sightline.http.LiveView;
import io.sightline.http.MetricReadings;
import io.sightline.http.MetricsEndpoint;
import io.sightline.http.Route;
import io.sightline.http.ServiceHttpServer;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.perception.language.Task;
import io.sightline.perception.pack.HeadSpec;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.service.BackendIds;
import io.sightline.perception.service.FrameRecorder;
import io.sightline.perception.service.PerceptionService;
import io.sightline.perception.service.ProtoMapper;
import io.sightline.perception.service.ServiceCondition;
import io.sightline.perception.service.ServiceException;
import io.sightline.perception.service.ServiceParts;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.SourceOptions;
import io.sightline.perception.source.SourceSetup;
import io.sightline.perception.source.SourceSpec;
import io.sightline.perception.vlm.VlmModel;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.record.McapRecorder;
import io.sightline.record.RecordedCamera;
import io.sightline.service.config.ServiceConfig;
import io.sightline.transport.broker.BrokerChoice;
import io.sightline.transport.broker.BrokerProbe;
import io.sightline.transport.broker.BrokerSelector;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.SightlineMqttClient;
import io.sightline.transport.v1.ServiceState;
import io.sightline.transport.v1.ServiceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code sightline run}: from the bound {@link ServiceConfig} it opens the model pack, the
 * source (through {@link FrameSources}) with its camera geometry, the pipeline, the broker and the MQTT client, and
 * hands them, every one final, to {@link PerceptionService#start}. Nothing is left running when it throws.
 */
public final class ServiceAssembly {
    private static final Logger log = LoggerFactory.getLogger(ServiceAssembly.class);

    private ServiceAssembly() {
    }

    /**
     * What the service needs besides the configuration.
     *
     * @param home        folder that relative {@code source.uri} and {@code model.pack} are resolved against (the
     *                    installation, {@code -Dsightline.home}); null = the working directory
     * @param cameraInfo  ROS camera_info YAML for a live source, with {@code extrinsics}
     * @param extrinsics  extrinsics YAML for a live source, with {@code cameraInfo}
     * @param version     Sightline version for the status topic
     * @param console     receives the one-line live status once a second (e.g. stderr)
     */
    public record Environment(Path home, Optional<Path> cameraInfo, Optional<Path> extrinsics, String version,
                              Consumer<String> console) {
        public Environment {
            Objects.requireNonNull(cameraInfo, "cameraInfo");
            Objects.requireNonNull(extrinsics, "extrinsics");
            Objects.requireNonNull(console, "console");
            version = version == null ? "" : version;
            if (cameraInfo.isPresent() != extrinsics.isPresent()) {
                throw new ServiceException("--camera-info and --extrinsics go together: got only "
                    + cameraInfo.map(p -> "--camera-info " + p).orElseGet(() -> "--extrinsics " + extrinsics.get()));
            }
        }

        /** A configured path: absolute as is, relative ones under {@link #home()} (or the working directory). */
        Path resolve(String configured) {
            Path p = Path.of(configured);
            return p.isAbsolute() || home == null ? p : home.resolve(p);
        }
    }

    /**
     * Validates the pack and opens it on the configured backend, creates the source, picks the broker
     * ({@link BrokerSelector}: configured URL, else localhost:1883 when a broker answers, else the embedded one),
     * connects, and starts the service.
     *
     * @throws ServiceException naming the key, flag or file that is wrong
     */
    public static PerceptionService start(ServiceConfig c, Environment env) {
        Path packDir = env.resolve(c.model().pack());
        if (!Files.isDirectory(packDir)) {
            throw new ServiceException("model.pack: no model pack folder at " + packDir.toAbsolutePath()
                + " (give --pack DIR or set model.pack)");
        }
        SourceSpec spec;
        try {
            spec = SourceSpec.parse(c.source().uri(), env.home());
        } catch (IllegalArgumentException e) {
            throw new ServiceException("source.uri: " + e.getMessage());
        }
        String cameraId = c.source().cameraId();
        SourceSetup source = FrameSources.create(spec, SourceOptions.live(cameraId, c.source().loop())
            .withPacing(c.source().replayPacing()).withFps(c.source().fps()).withStream(c.source().streamOptions()));
        VlmModel vlm = null;
        BrokerChoice broker = null;
        SightlineMqttClient client = null;
        FrameRecorder recorder = FrameRecorder.NONE;
        ServiceParts parts;
        try {
            Camera camera = camera(source, env);
            log.info("source: {} ({})", source.source().describe(), camera.note());
            if (c.source().fps() > 0 && (source.scene().isPresent() || spec.kind().live())) {
                log.warn("source.fps {} is not applied to {}: scenes replay at their recorded rate, cameras at their own",
                    c.source().fps(), spec.kind());
            }
            VlmOptions options = c.grounding().decoding(c.model().options(packDir));
            // run publishes at the pack's operating point (head.publish_threshold; the score threshold when unset),
            // or at detection.min_score where set
            Optional<HeadSpec> head = ModelPack.readManifest(packDir).head();
            head.ifPresent(h -> log.info("detection: {}", c.detection().describe(h)));
            vlm = VlmModel.open(packDir, head.map(h -> options.withDetection(c.detection().publishing(h))).orElse(options));
            if (vlm.detections().isEmpty()) {
                throw new ServiceException("model pack " + packDir + " has no detection head (manifest.json head or"
                    + " dense_head); sightline run needs one");
            }
            log.info("model: {}", vlm.describe());
            final VlmModel model = vlm;
            Grounder answering = Grounder.forModel(model, c.grounding().matching(), c.relations().neighbours());
            Optional<Grounder> grounder = Optional.of(answering);
            if (vlm.language().isPresent()) {
                log.info("grounding: {}", c.grounding().describe(vlm.language().get().grammar(Task.GROUND).noneThreshold()));
            } else {
                log.info("grounding: {}", answering.describe());
            }
            PerceptionPipeline pipeline = PerceptionPipeline.forModel(source.source().describe(), vlm, camera.model(),
                c.tracking().tracker(), c.relations().neighbours());
            String backendId = BackendIds.shortId(vlm.backendChoice(), vlm.precision());
            ProtoMapper mapper = new ProtoMapper(c.mqtt().robotId(), cameraId, vlm.pack().manifest().name() + "@"
                + vlm.pack().manifest().version(), backendId);
            ServiceCondition condition = new ServiceCondition(source.source().describe(),
                BackendIds.fallbackOnGpuMachine(vlm.backendChoice(), c.model().backend()),
                Optional.empty());
            ServiceStatus template = ServiceStatus.newBuilder().setState(ServiceState.SERVICE_STATE_STARTING)
                .setVersion(env.version()).setBackendId(backendId).setBackendReason(vlm.backendChoice().reason())
                .setModelId(mapper.modelId()).addCameraIds(cameraId).setGrounder(answering.describe()).build();
            broker = new BrokerSelector(new BrokerProbe(1000)).select(c.mqtt());
            client = SightlineMqttClient.start(MqttSettings.service(c.mqtt(), broker.uri()), template); // STARTING from the first connect
            if (c.record().enabled()) {
                McapRecorder r = McapRecorder.start(c.record(), Path.of(c.record().path()), cameraId,
                    "sightline " + env.version(), RecordedCamera.metadata(camera.model()));
                recorder = r;
                client.addPublishListener(r);
                log.info("recording: {} ({}{}{})", c.record().path(), c.record().frames() ? "messages and frames" : "messages",
                    c.record().sizeLimit().map(b -> ", a new file every " + b + " bytes").orElse(""),
                    c.record().timeLimit().map(d -> ", a new file every " + d.toSeconds() + " s").orElse(""));
            }
            parts = new ServiceParts(vlm, source.source(), pipeline, grounder, mapper, condition, template, broker, client,
                c.mqtt(), env.console(), recorder);
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            recorder.close();
            if (broker != null) {
                broker.close();
            }
            if (vlm != null) {
                vlm.close();
            }
            source.source().close();
            throw e;
        }
        return PerceptionService.start(parts); // closes the parts itself when it fails
    }

    /**
     * The HTTP port ({@code http} section) over a started service: {@code /metrics}, the live view ({@code /},
     * {@code /frame.jpg}, {@code /state.json}, {@code /events}, {@code /ground}) and {@code /v1/chat/completions};
     * empty when {@code http.port} is 0.
     * The caller closes it before the service.
     *
     * @throws ServiceException when the port cannot be bound
     */
    public static Optional<ServiceHttpServer> http(ServiceConfig c, PerceptionService service) {
        if (!c.http().enabled()) {
            return Optional.empty();
        }
        MetricsEndpoint metrics = new MetricsEndpoint(MetricReadings.of(service), true);
        LiveView view = new LiveView(service);
        Map<String, Route> routes = new HashMap<>(view.routes());
        routes.put("/metrics", Route.get(metrics::scrape));
        routes.put("/v1/chat/completions", new ChatCompletions(service).route());
        try {
            return Optional.of(new ServiceHttpServer(c.http().host(), c.http().port(), c.http().bearerToken(), routes,
                Map.of("/events", view.events())).owning(view));
        } catch (IllegalStateException e) {
            view.close();
            throw new ServiceException("http.port: " + e.getMessage());
        }
    }

    /** The camera model for ground-plane positions, and why it was chosen (for the log). */
    record Camera(CameraModel model, String note) {
    }

    /** A scene replays with its own camera; other sources take the calibration files, else the tabletop default. */
    static Camera camera(SourceSetup source, Environment env) {
        if (source.scene().isPresent()) {
            if (env.cameraInfo().isPresent()) {
                log.warn("source.camera_info/extrinsics (--camera-info/--extrinsics) ignored: scene {} replays with its own camera (scene.json)",
                    source.spec().uri());
            }
            return new Camera(source.scene().get().info().camera(),
                "camera model of scene " + source.scene().get().info().name() + " (scene.json)");
        }
        if (env.cameraInfo().isPresent()) {
            return new Camera(CameraFiles.load(env.cameraInfo().get(), env.extrinsics().get()),
                "calibration " + env.cameraInfo().get() + " + " + env.extrinsics().get());
        }
        log.warn("no source.camera_info/extrinsics (--camera-info/--extrinsics): positions use the tabletop default camera (640x480, 0.6 m high,"
            + " pitched {} deg); calibrate with 'sightline calibrate' for real positions", CameraModels.TABLETOP_PITCH_DEG);
        return new Camera(CameraModels.tabletopDefault(), "tabletop default camera (no calibration given)");
    }
}

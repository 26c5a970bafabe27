package io.sightline.cli.run;

import io.sightline.cli.UserFacingException;
import io.sightline.service.ServiceAssembly;
import io.sightline.service.config.ServiceConfig;
import io.sightline.service.config.SourceSection;
import io.sightline.transport.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The flags that select the service's configuration (broker, source, pack, backend, calibration, HTTP port), each a
 * configuration key: shared by {@code run} and {@code doctor}, so both read the same configuration the same way.
 */
public final class ServiceFlags {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (e.g. conf/sightline.yaml)")
    Path config;

    @Option(names = "--mqtt-url", paramLabel = "URL", description = "broker tcp://host:port or ssl://host:port (mqtt.url)")
    String mqttUrl;

    @Option(names = "--embedded-broker-port", paramLabel = "N",
        description = "start the embedded HiveMQ CE broker on 127.0.0.1:N and use it (mqtt.force_embedded + mqtt.embedded_broker_port)")
    Integer embeddedBrokerPort;

    @Option(names = "--robot-id", paramLabel = "ID", description = "topic namespace sightline/v1/ID/ (mqtt.robot_id)")
    String robotId;

    static final class SourceChoice {
        @Option(names = "--scene", paramLabel = "DIR", description = "scene folder to replay at its recorded rate (source.uri)")
        Path scene;

        @Option(names = "--source", paramLabel = "URI",
            description = "scene or image folder, image, video file (any codec), /dev/videoN, device index, rtsp://...,"
                + " http(s)://... MJPEG or gst:<pipeline> (source.uri)")
        String source;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SourceChoice sourceChoice;

    @Option(names = "--camera-id", paramLabel = "ID", description = "camera id in topics and headers (source.camera_id)")
    String cameraId;

    @Option(names = "--loop", negatable = true, description = "play a scene, video or image folder again from the start"
        + " when it ends (source.loop; default true); with --no-loop its end ends run (exit 0)")
    Boolean loop;

    @Option(names = "--fps", paramLabel = "N", description = "rate of image folders (default 10) and video files (default their own) (source.fps)")
    Double fps;

    @Option(names = "--no-pacing", description = "recordings as fast as they decode instead of at their rate (source.pacing false)")
    boolean noPacing;

    @Option(names = "--rtsp-transport", paramLabel = "tcp|udp", description = "transport of rtsp:// sources (source.rtsp_transport)")
    String rtspTransport;

    @Option(names = "--backend", paramLabel = "auto|onnxruntime|tensorrt", description = "inference backend (model.backend)")
    String backend;

    @Option(names = "--precision", paramLabel = "fp32|int8", description = "vision encoder graph (model.precision)")
    String precision;

    @Option(names = "--pack", paramLabel = "DIR", description = "model pack folder (model.pack)")
    Path pack;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads; 0 = the vision encoder's"
        + " measured at start-up (model.threads; default 0)")
    Integer threads;

    @Option(names = "--camera-info", paramLabel = "FILE",
        description = "ROS camera_info YAML of a live camera (with --extrinsics; scenes use their own camera) (source.camera_info)")
    Path cameraInfo;

    @Option(names = "--extrinsics", paramLabel = "FILE", description = "camera-to-base_link extrinsics YAML (with --camera-info) (source.extrinsics)")
    Path extrinsics;

    @Option(names = "--http-port", paramLabel = "N", description = "serve the live view (/), /metrics (Prometheus) and /v1/chat/completions on http://127.0.0.1:N;"
        + " 0 = no HTTP port (http.port; default 0)")
    Integer httpPort;

    @Option(names = "--record", paramLabel = "FILE.mcap", description = "record every published message and the frames"
        + " to an MCAP file (open it in Foxglove; replay it with 'sightline replay FILE.mcap') (record.path)")
    Path record;

    /** The flags as configuration overrides (key path -> value; null values are not applied). */
    public Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("mqtt.url", mqttUrl);
        if (embeddedBrokerPort != null) {
            o.put("mqtt.force_embedded", "true");
            o.put("mqtt.embedded_broker_port", String.valueOf(embeddedBrokerPort));
        }
        o.put("mqtt.robot_id", robotId);
        if (sourceChoice != null) {
            o.put("source.uri", sourceChoice.scene != null ? absolute(sourceChoice.scene) : sourceFlag(sourceChoice.source));
        }
        o.put("source.camera_id", cameraId);
        o.put("source.loop", loop == null ? null : loop.toString());
        o.put("source.fps", fps == null ? null : fps.toString());
        o.put("source.pacing", noPacing ? "false" : null);
        o.put("source.rtsp_transport", rtspTransport);
        o.put("model.backend", backend);
        o.put("model.precision", precision);
        o.put("model.pack", pack == null ? null : absolute(pack));
        o.put("model.threads", threads == null ? null : threads.toString());
        o.put("source.camera_info", cameraInfo == null ? null : absolute(cameraInfo));
        o.put("source.extrinsics", extrinsics == null ? null : absolute(extrinsics));
        o.put("http.port", httpPort == null ? null : httpPort.toString());
        o.put("record.path", record == null ? null : absolute(record));
        return o;
    }

    /** --source: a file or folder that exists relative to the working directory becomes absolute; anything else as given. */
    private static String sourceFlag(String source) {
        if (source == null || source.contains(":")) {
            return source;
        }
        try {
            Path p = Path.of(source);
            return !p.isAbsolute() && java.nio.file.Files.exists(p) ? absolute(p) : source;
        } catch (java.nio.file.InvalidPathException e) {
            return source;
        }
    }

    /** Paths given as flags are relative to the working directory (configured ones to the installation). */
    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /** The configuration these flags select (exit 2 with the key when it is wrong). */
    public ServiceConfig loadConfig() {
        try {
            return ServiceConfig.loader().load(config, System.getenv(), overrides());
        } catch (ConfigException e) {
            throw new UserFacingException(e.getMessage(), 2);
        }
    }

    /** A configured path: absolute as is, relative ones under the installation (or the working directory). */
    public static Path underHome(String configured) {
        Path p = Path.of(configured);
        return p.isAbsolute() || home() == null ? p : home().resolve(p);
    }

    /** The installation folder from the launcher ({@code -Dsightline.home}); null when run from a checkout. */
    public static Path home() {
        String h = System.getProperty("sightline.home");
        return h == null || h.isBlank() ? null : Path.of(h);
    }


    /** The environment {@link ServiceAssembly#start} runs in: the installation, the configured calibration files. */
    public ServiceAssembly.Environment environment(ServiceConfig c, String version, Consumer<String> console) {
        Optional<SourceSection.Calibration> calibration = c.source().calibrationFiles();
        return new ServiceAssembly.Environment(home(), calibration.map(f -> underHome(f.cameraInfo())),
            calibration.map(f -> underHome(f.extrinsics())), version, console);
    }
}

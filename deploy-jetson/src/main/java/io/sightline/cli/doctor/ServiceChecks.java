package io.sightline.cli.doctor;

import io.sightline.calibration.camera.CameraFileException;
import io.sightline.calibration.camera.CameraFiles;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.service.BackendIds;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.SourceInfo;
import io.sightline.perception.source.SourceOptions;
import io.sightline.perception.source.SourceSpec;
import io.sightline.perception.source.SourceUris;
import io.sightline.runtime.select.BackendPreference;
import io.sightline.runtime.tensorrt.TensorRtAvailability;
import io.sightline.service.config.ServiceConfig;
import io.sightline.service.config.SourceSection;
import io.sightline.transport.broker.BrokerProbe;
import io.sightline.transport.broker.BrokerSelector;
import io.sightline.transport.config.MqttConfig;
import io.sightline.transport.mqtt.MqttSettings;
import io.sightline.transport.mqtt.SightlineMqttClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The configuration's side of {@code sightline doctor}: accelerator, pack, camera, calibration, broker. */
final class ServiceChecks {
    private ServiceChecks() {
    }

    static Check accelerator(TensorRtAvailability trt, BackendPreference preference, boolean gpuPresent) {
        if (trt.available()) {
            return Check.ok("gpu", "TensorRT " + trt.tensorRtVersion() + " on " + trt.device() + " (compute " + trt.computeCapability() + ")");
        }
        if (preference == BackendPreference.TENSORRT) {
            return Check.fail("gpu", "model.backend is tensorrt but TensorRT is unavailable: " + trt.reason(),
                "run on a Jetson with JetPack 6 (TensorRT 10) or a CUDA machine with TensorRT 10, or set model.backend: auto");
        }
        if (gpuPresent) {
            return Check.warn("gpu", "an NVIDIA GPU is present but TensorRT is unavailable (" + trt.reason() + "): the model runs on the CPU",
                "install the TensorRT of the JetPack release the build targets (README: Inference backends)");
        }
        return Check.ok("gpu", "no NVIDIA GPU (" + trt.reason() + "): ONNX Runtime on the CPU");
    }

    static Check pack(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Check.fail("pack", "no model pack folder at " + dir, "set model.pack (or --pack DIR) to an installed pack, e.g. models/coco-nanodet");
        }
        try {
            ModelPack pack = ModelPack.load(dir);
            return Check.ok("pack", pack.manifest().name() + " " + pack.manifest().version() + ": " + pack.manifest().files().size()
                + " files verified (sha256) at " + dir);
        } catch (PackException e) {
            return Check.fail("pack", e.getMessage(), "reinstall the pack; `sightline pack verify " + dir + "` names the file");
        }
    }

    /** Opens the configured source and waits up to {@code wait} for one frame. */
    static Check source(SourceSection s, Path home, Duration wait) {
        SourceSpec spec;
        try {
            spec = SourceSpec.parse(s.uri(), home);
        } catch (IllegalArgumentException e) {
            return Check.fail("camera", "source.uri: " + e.getMessage(), "set source.uri (or --source) to a camera, stream or recording");
        }
        String shown = SourceUris.redact(spec.uri());
        FrameSource source;
        try {
            source = FrameSources.create(spec, SourceOptions.live(s.cameraId(), false).withStream(s.streamOptions())).source();
        } catch (RuntimeException e) {
            return Check.fail("camera", shown + ": " + e.getMessage(), fix(spec.kind()));
        }
        CompletableFuture<Optional<SourceInfo>> read = CompletableFuture.supplyAsync(() -> {
            source.open();
            Optional<Frame> f = source.next();
            f.ifPresent(Frame::close);
            return f.map(x -> source.info());
        });
        try {
            Optional<SourceInfo> info = read.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (info.isEmpty()) {
                return Check.fail("camera", shown + " opened but gave no frame", fix(spec.kind()));
            }
            SourceInfo i = info.get();
            return Check.ok("camera", spec.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + i.uri() + ": a frame of "
                + i.width() + "x" + i.height() + (i.codec().isBlank() ? "" : ", " + i.codec()) + (i.fps() > 0 ? ", " + i.fps() + " fps" : ""));
        } catch (TimeoutException e) {
            String reason = source.status().reason();
            return Check.fail("camera", shown + ": no frame within " + wait.toSeconds() + " s" + (reason.isBlank() ? "" : " (" + reason + ")"),
                fix(spec.kind()));
        } catch (ExecutionException e) {
            return Check.fail("camera", shown + ": " + e.getCause().getMessage(), fix(spec.kind()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail("camera", shown + ": interrupted", fix(spec.kind()));
        } finally {
            source.close();
            read.cancel(true);
        }
    }

    private static String fix(SourceSpec.Kind kind) {
        return switch (kind) {
            case DEVICE -> "check that the camera is plugged in (ls /dev/video*) and that the service's user is in group video";
            case STREAM -> "check the URL, the credentials and the network (ffprobe URL); try --rtsp-transport udp or tcp";
            case GSTREAMER -> "try the pipeline by hand: gst-launch-1.0 <pipeline> ! fakesink";
            default -> "check the path and that the service's user can read it";
        };
    }

    /**
     * A live camera needs its calibration for metric positions; a scene brings its own.
     *
     * @param underHome resolves a configured path as the service does
     */
    static Check calibration(SourceSection s, Path home, Function<String, Path> underHome) {
        SourceSpec spec;
        try {
            spec = SourceSpec.parse(s.uri(), home);
        } catch (IllegalArgumentException e) {
            return Check.skip("calibration", "no source");
        }
        Optional<SourceSection.Calibration> files = s.calibrationFiles();
        if (!spec.kind().live() && files.isEmpty()) {
            return Check.skip("calibration", spec.kind() == SourceSpec.Kind.SCENE ? "the scene replays with its own camera (scene.json)"
                : "a recording without calibration files: positions use the default tabletop camera");
        }
        if (files.isEmpty()) {
            return Check.warn("calibration", "no camera calibration: positions in base_link use the default tabletop camera, not this one's",
                "sightline calibrate camera / calibrate extrinsics, then set source.camera_info and source.extrinsics");
        }
        Path info = underHome.apply(files.get().cameraInfo());
        Path extrinsics = underHome.apply(files.get().extrinsics());
        try {
            CameraFiles.load(info, extrinsics);
            return Check.ok("calibration", "camera_info " + info + ", extrinsics " + extrinsics);
        } catch (CameraFileException | IllegalArgumentException e) {
            return Check.fail("calibration", e.getMessage(), "fix or recreate the file (sightline calibrate camera / extrinsics)");
        }
    }

    /** Connects as the service would: the configured broker with its TLS and credentials, else localhost:1883. */
    static Check broker(MqttConfig c) throws InterruptedException {
        if (c.forceEmbedded()) {
            try (ServerSocket s = new ServerSocket(c.embeddedBrokerPort(), 1, InetAddress.getLoopbackAddress())) {
                return Check.ok("broker", "embedded HiveMQ CE broker on 127.0.0.1:" + c.embeddedBrokerPort() + " (port free; this machine only)");
            } catch (IOException e) {
                return Check.fail("broker", "127.0.0.1:" + c.embeddedBrokerPort() + " is taken (" + e.getMessage() + ")",
                    "stop what listens there or set mqtt.embedded_broker_port");
            }
        }
        if (c.url() == null) {
            BrokerProbe.Result r = new BrokerProbe(1000).probe(BrokerSelector.LOCAL_HOST, BrokerSelector.LOCAL_PORT);
            if (r.answered() && r.returnCode() == 0) {
                return Check.ok("broker", r.detail());
            }
            if (r.answered()) {
                return Check.fail("broker", r.detail() + " refused an anonymous client", "set mqtt.url, mqtt.username and SIGHTLINE_MQTT_PASSWORD");
            }
            return Check.warn("broker", r.detail() + ": run starts its embedded broker, reachable from this machine only",
                "install a broker for planners on other machines (apt install mosquitto) or set mqtt.url");
        }
        MqttSettings settings = MqttSettings.tool(c, c.url(), "doctor");
        try (SightlineMqttClient client = SightlineMqttClient.start(settings)) {
            if (client.awaitReady(Duration.ofSeconds(c.connectTimeoutS() + 1L))) {
                return Check.ok("broker", "connected to " + SourceUris.redact(c.url()) + (settings.usesTls() ? " over TLS" : "")
                    + (c.username() == null || c.username().isEmpty() ? "" : " as " + c.username()));
            }
            return Check.fail("broker", SourceUris.redact(c.url()) + ": " + client.lastConnectError(),
                "check mqtt.url, mqtt.username / SIGHTLINE_MQTT_PASSWORD and mqtt.tls.*; try mosquitto_sub with the same settings");
        } catch (RuntimeException e) {
            return Check.fail("broker", SourceUris.redact(c.url()) + ": " + e.getMessage(), "check mqtt.url and mqtt.tls.*");
        }
    }
}

package io.sightline.perception.source;

import io.sightline.perception.scene.DecodeScale;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one factory from a {@link SourceSpec} to a {@link FrameSource}, used by {@code run}, {@code replay},
 * {@code eval}, {@code bench} and the INT8 guard: live kinds come wrapped in a {@link ReconnectingSource}
 * (reopened with backoff when they fail; rtsp:// and http(s):// through {@link FfmpegSource}), video files
 * through FFmpeg too, scenes replay with their recorded timing or as fast as possible,
 * and a read-ahead thread is added when the options ask for one.
 */
public final class FrameSources {
    private static final Logger log = LoggerFactory.getLogger(FrameSources.class);

    private FrameSources() {
    }

    /** A new, unopened source for {@code spec}. */
    public static SourceSetup create(SourceSpec spec, SourceOptions o) {
        return switch (spec.kind()) {
            case SCENE -> scene(spec, SceneReader.open(spec.path()), o);
            case IMAGES -> images(spec, o);
            case RECORDING -> setup(spec, new McapSource(spec.path(), o.cameraId(), Optional.empty(), o.pacing(), o.loop()), o);
            case VIDEO_FILE -> setup(spec, new FfmpegSource(spec.uri(), o.cameraId(), o.stream(), o.pacing(), o.loop(),
                o.fps()), o);
            case DEVICE -> setup(spec, new ReconnectingSource("camera " + spec.uri(), SourceInfo.named(spec.uri()),
                () -> new CameraSource(spec.uri(), o.cameraId()), o.backoff()), o);
            case STREAM -> setup(spec, new ReconnectingSource("stream " + SourceUris.redact(spec.uri()), SourceInfo.named(spec.uri()),
                () -> new FfmpegSource(spec.uri(), o.cameraId(), o.stream(), o.pacing(), false, 0), o.backoff()), o);
            case GSTREAMER -> {
                GStreamerSource unopened = new GStreamerSource(spec.gstPipeline(), o.gstWidth(), o.gstHeight(), o.cameraId());
                yield setup(spec, new ReconnectingSource(unopened.describe(), unopened.info(),
                    () -> new GStreamerSource(spec.gstPipeline(), o.gstWidth(), o.gstHeight(), o.cameraId()), o.backoff()), o);
            }
        };
    }

    /** A folder without scene.json is read as images: said in the log, as it may be a scene that lost its scene.json. */
    private static SourceSetup images(SourceSpec spec, SourceOptions o) {
        if (Files.isDirectory(spec.path())) {
            log.info("{}: no scene.json, reading it as an image folder (file-name order, no recorded timing or annotations)",
                spec.path());
        }
        return setup(spec, new ImageFolderSource(spec.path(), o.cameraId(), o.pacing(), o.imageFolderFps(), o.loop()), o);
    }

    /** A replay of a scene already read (commands that also need its annotations). */
    public static SourceSetup scene(Scene scene, SourceOptions o) {
        return scene(new SourceSpec(SourceSpec.Kind.SCENE, scene.dir().toString()), scene, o);
    }

    private static SourceSetup scene(SourceSpec spec, Scene scene, SourceOptions o) {
        int scale = o.modelInput().map(m -> o.decoding().scale(scene, m)).orElse(DecodeScale.FULL);
        SceneReplaySource replay = new SceneReplaySource(scene, o.pacing(), o.loop(), o.cameraId(), PaceClock.SYSTEM, scale);
        return new SourceSetup(prefetched(replay, o), spec, Optional.of(scene));
    }

    private static SourceSetup setup(SourceSpec spec, FrameSource source, SourceOptions o) {
        return new SourceSetup(prefetched(source, o), spec, Optional.empty());
    }

    private static FrameSource prefetched(FrameSource source, SourceOptions o) {
        return o.prefetch() > 0 ? new PrefetchingSource(source, o.prefetch()) : source;
    }
}

package io.sightline.perception.source;

import io.sightline.perception.pack.ImageSpec;
import io.sightline.perception.scene.DecodeScale;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneFormatException;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Plays a scene folder's frames in index order. Frame {@code i}'s recorded time is {@code i / fps}; with
 * {@link ReplayPacing#RECORDED_FPS} it is released at that time after the first frame, and its capture time
 * is that moment. A missing or corrupt image is skipped and counted (ARCHITECTURE.md section 9); with
 * {@code loop} the scene starts over after its last frame and {@link Frame#seq()} keeps counting.
 */
public final class SceneReplaySource implements FrameSource {
    private final Scene scene;
    private final ReplayPacing pacing;
    private final boolean loop;
    private final String cameraId;
    private final PaceClock clock;
    private final SourceCounters counters = new SourceCounters();
    private final long framePeriodNanos;
    private final int decodeScale;
    private int nextIndex;
    private long seq;
    private long startNanos;
    private long startEpochMs;
    private long played;
    private boolean opened;
    private boolean deliveredInPass;

    public SceneReplaySource(Scene scene, ReplayPacing pacing, boolean loop) {
        this(scene, pacing, loop, "replay", PaceClock.SYSTEM);
    }

    public SceneReplaySource(Scene scene, ReplayPacing pacing, boolean loop, String cameraId, PaceClock clock) {
        this(scene, pacing, loop, cameraId, clock, DecodeScale.FULL);
    }

    /**
     * @param decodeScale decode frames at 1/{@code decodeScale} of the camera's size (1, 2, 4, 8); frames still
     *                    report the camera's size, so results are in sensor pixels ({@link DecodeScale#forModel})
     */
    public SceneReplaySource(Scene scene, ReplayPacing pacing, boolean loop, String cameraId, PaceClock clock,
                             int decodeScale) {
        DecodeScale.imreadFlag(decodeScale); // validates
        this.decodeScale = decodeScale;
        this.scene = scene;
        this.pacing = pacing;
        this.loop = loop;
        this.cameraId = cameraId;
        this.clock = clock;
        double fps = scene.info().fps();
        this.framePeriodNanos = fps > 0 ? Math.round(1e9 / fps) : 0;
    }

    @Override
    public void open() {
        if (scene.frameCount() == 0) {
            counters.state(SourceState.ENDED, "scene " + scene.dir() + " has no frames");
        }
        startNanos = clock.nanoTime();
        startEpochMs = System.currentTimeMillis();
        opened = true;
    }

    @Override
    public Optional<Frame> next() {
        if (!opened) {
            throw new SourceException(describe() + ": next() before open()");
        }
        while (true) {
            if (nextIndex >= scene.frameCount()) {
                if (!loop || !deliveredInPass) {
                    // A loop over a scene whose every frame is unreadable would spin forever.
                    counters.state(SourceState.ENDED, loop ? "no readable frame in " + scene.dir() : "");
                    return Optional.empty();
                }
                nextIndex = 0;
                deliveredInPass = false;
            }
            int index = nextIndex++;
            long releaseNanos = startNanos + played * framePeriodNanos;
            played++;
            Mat image;
            try {
                image = scene.readImage(index, decodeScale);
            } catch (SceneFormatException e) {
                counters.skipped(e.getMessage());
                continue;
            }
            int sensorWidth = decodeScale == DecodeScale.FULL ? image.cols() : scene.info().camera().width();
            int sensorHeight = decodeScale == DecodeScale.FULL ? image.rows() : scene.info().camera().height();
            if (image.cols() != DecodeScale.reduced(sensorWidth, decodeScale)
                    || image.rows() != DecodeScale.reduced(sensorHeight, decodeScale)) {
                String why = "frame " + index + " is " + image.cols() + "x" + image.rows() + " at 1/" + decodeScale
                    + ", the scene's camera is " + sensorWidth + "x" + sensorHeight;
                image.close();
                counters.skipped(why);
                continue;
            }
            if (pacing == ReplayPacing.RECORDED_FPS) {
                clock.sleepUntil(releaseNanos);
            }
            long capture = pacing == ReplayPacing.RECORDED_FPS ? releaseNanos : clock.nanoTime();
            long epochMs = startEpochMs + (capture - startNanos) / 1_000_000;
            counters.delivered();
            deliveredInPass = true;
            return Optional.of(new Frame(seq++, cameraId, capture, epochMs, index, image, sensorWidth, sensorHeight));
        }
    }

    @Override
    public SourceStatus status() {
        return counters.status();
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo(scene.dir().toString(), scene.info().camera().width(), scene.info().camera().height(),
            scene.info().fps(), "");
    }

    @Override
    public String describe() {
        return "scene " + scene.dir() + (decodeScale == DecodeScale.FULL ? "" : " (decoded at 1/" + decodeScale + ")");
    }

    @Override
    public void close() {
        counters.closed();
    }
}

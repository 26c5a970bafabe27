package io.sightline.perception.service;

import io.sightline.calibration.camera.CameraFiles;
import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.CameraModels;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.Backoff;
import io.sightline.perception.source.CameraSource;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.ImageFolderSource;
import io.sightline.perception.source.PaceClock;
import io.sightline.perception.source.ReconnectingSource;
import io.sightline.perception.source.ReplayPacing;
import io.sightline.perception.source.SceneReplaySource;
import io.sightline.perception.source.VideoFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame source of {@code sightline run} and the camera geometry that goes with it, from
 * {@code source.uri}: a scene folder (scene.json) is replayed at its recorded rate with the scene's own
 * camera model; a folder of images or a video file plays once; a device ({@code /dev/videoN}, an index) or a
 * stream URL is a live camera, reopened with backoff when it fails. Live and file sources take the camera
 * model from {@code --camera-info}/{@code --extrinsics}, else the tabletop default (with a warning: positions
 * are then only as good as that guess).
 *
 * @param source    not yet opened
 * @param camera    intrinsics + extrinsics for ground-plane positions
 * @param live      a camera (reconnects) rather than a recording
 * @param cameraNote why the camera model was chosen, for the log
 */
public record ServiceSource(FrameSource source, CameraModel camera, boolean live, String cameraNote) {
    private static final Logger log = LoggerFactory.getLogger(ServiceSource.class);

    /**
     * @param uri        {@code source.uri}, already resolved against the installation
     * @param cameraInfo ROS camera_info YAML, or null
     * @param extrinsics extrinsics YAML, or null (both or neither)
     */
    public static ServiceSource open(String uri, String cameraId, boolean loop, Path cameraInfo, Path extrinsics) {
        if ((cameraInfo == null) != (extrinsics == null)) {
            throw new ServiceException("--camera-info and --extrinsics go together: got only "
                + (cameraInfo != null ? "--camera-info " + cameraInfo : "--extrinsics " + extrinsics));
        }
        Path path = uri.contains("://") ? null : Path.of(uri);
        if (path != null && Files.isRegularFile(path.resolve("scene.json"))) {
            Scene scene = SceneReader.open(path);
            if (cameraInfo != null) {
                log.warn("--camera-info/--extrinsics ignored: scene {} replays with its own camera (scene.json)", path);
            }
            return new ServiceSource(new SceneReplaySource(scene, ReplayPacing.RECORDED_FPS, loop, cameraId, PaceClock.SYSTEM),
                scene.info().camera(), false, "camera model of scene " + scene.info().name() + " (scene.json)");
        }
        boolean device = uri.matches("\\d+") || uri.startsWith("/dev/") || uri.contains("://");
        FrameSource source;
        if (device) {
            source = new ReconnectingSource("camera " + uri, () -> new CameraSource(uri, cameraId), Backoff.camera());
        } else if (path != null && Files.isDirectory(path)) {
            source = new ImageFolderSource(path, cameraId);
        } else if (path != null && Files.isRegularFile(path)) {
            source = new VideoFileSource(path, cameraId);
        } else {
            throw new ServiceException("source.uri '" + uri + "': no such scene folder, image folder or video file,"
                + " and not a camera (/dev/videoN, an index, rtsp://...)");
        }
        CameraGeometry geometry = camera(cameraInfo, extrinsics);
        return new ServiceSource(source, geometry.model(), device, geometry.note());
    }

    private record CameraGeometry(CameraModel model, String note) {}

    private static CameraGeometry camera(Path cameraInfo, Path extrinsics) {
        if (cameraInfo != null) {
            return new CameraGeometry(CameraFiles.load(cameraInfo, extrinsics),
                "calibration " + cameraInfo + " + " + extrinsics);
        }
        log.warn("no --camera-info/--extrinsics: positions use the tabletop default camera (640x480, 0.6 m high,"
            + " pitched {} deg); calibrate with 'sightline calibrate' for real positions", CameraModels.TABLETOP_PITCH_DEG);
        return new CameraGeometry(CameraModels.tabletopDefault(), "tabletop default camera (no calibration given)");
    }

    /** A short description for logs and status. */
    public String describe() {
        return source.describe();
    }
}

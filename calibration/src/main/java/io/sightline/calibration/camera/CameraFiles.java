package io.sightline.calibration.camera;

import java.nio.file.Path;

/** The pair of files that describe one calibrated camera: ROS camera_info YAML + our extrinsics YAML. */
public final class CameraFiles {
    private CameraFiles() {}

    /**
     * Loads a camera model.
     *
     * @throws CameraFileException naming the file and field when either file is missing or malformed
     */
    public static CameraModel load(Path cameraInfoPath, Path extrinsicsPath) {
        CameraInfo info = CameraInfoFile.read(cameraInfoPath);
        CameraExtrinsics extrinsics = ExtrinsicsFile.read(extrinsicsPath);
        return info.withExtrinsics(extrinsics.cameraToBase());
    }

    public static void save(CameraModel model, Path cameraInfoPath, Path extrinsicsPath) {
        CameraInfoFile.write(cameraInfoPath, CameraInfo.of(model));
        ExtrinsicsFile.write(extrinsicsPath, CameraExtrinsics.of(model));
    }
}

package io.sightline.record;

import io.sightline.calibration.camera.CameraFiles;
import io.sightline.calibration.camera.CameraModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The camera of a recording, kept in its frames channel's metadata as the two files {@code sightline calibrate}
 * writes (ROS camera_info YAML and extrinsics YAML), so that {@code replay FILE.mcap} computes the same positions.
 */
public final class RecordedCamera {
    static final String CAMERA_INFO = "camera_info_yaml";
    static final String EXTRINSICS = "extrinsics_yaml";

    private RecordedCamera() {
    }

    public static Map<String, String> metadata(CameraModel model) {
        try {
            Path dir = Files.createTempDirectory("sightline-camera");
            try {
                Path info = dir.resolve("camera_info.yaml");
                Path extrinsics = dir.resolve("extrinsics.yaml");
                CameraFiles.save(model, info, extrinsics);
                return Map.of(CAMERA_INFO, Files.readString(info), EXTRINSICS, Files.readString(extrinsics));
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the camera files of the recording: " + e.getMessage(), e);
        }
    }

    /** The camera a recording's frames channel names; empty when it has no camera files. */
    public static Optional<CameraModel> of(Map<String, String> metadata) {
        if (!metadata.containsKey(CAMERA_INFO) || !metadata.containsKey(EXTRINSICS)) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("sightline-camera");
            Path info = Files.writeString(dir.resolve("camera_info.yaml"), metadata.get(CAMERA_INFO));
            Path extrinsics = Files.writeString(dir.resolve("extrinsics.yaml"), metadata.get(EXTRINSICS));
            try {
                return Optional.of(CameraFiles.load(info, extrinsics));
            } finally {
                Files.deleteIfExists(info);
                Files.deleteIfExists(extrinsics);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the camera files of the recording: " + e.getMessage(), e);
        }
    }
}

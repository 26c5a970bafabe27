package io.sightline.perception.scene;

import io.sightline.calibration.camera.CameraModel;

/**
 * Contents of scene.json.
 *
 * @param formatVersion scene format version (1)
 * @param name          scene name
 * @param camera        the camera model (intrinsics, distortion, extrinsics) the frames were taken with
 * @param fps           recorded frame rate
 * @param frameCount    number of frames (and lines in annotations.jsonl)
 * @param frameFormat   "jpg" or "png"
 * @param generator     generator name, version and seed; null for scenes recorded from a real camera
 * @param split         "train", "val", "test" or "demo"
 */
public record SceneInfo(int formatVersion, String name, CameraModel camera, double fps, int frameCount,
                        String frameFormat, GeneratorInfo generator, String split) {
    public static final int FORMAT_VERSION = 1;
}

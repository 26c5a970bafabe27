package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import java.util.List;

/** Root-mean-square distance between observed corners and the board corners projected through a camera. */
final class ReprojectionError {
    private ReprojectionError() {}

    /**
     * @param cameraFromBoard board frame -> camera optical frame
     */
    static double rms(CameraModel camera, RigidTransform cameraFromBoard, List<Vec3> board, List<Pixel> observed) {
        double sum = 0;
        for (int i = 0; i < board.size(); i++) {
            Pixel p = camera.projectCameraPoint(cameraFromBoard.apply(board.get(i)));
            Pixel o = observed.get(i);
            double du = p.u() - o.u(), dv = p.v() - o.v();
            sum += du * du + dv * dv;
        }
        return Math.sqrt(sum / board.size());
    }
}

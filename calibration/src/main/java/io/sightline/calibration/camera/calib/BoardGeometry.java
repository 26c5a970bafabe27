package io.sightline.calibration.camera.calib;

import io.sightline.calibration.camera.Vec3;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Board-frame points of the corners an observation saw, checked against the board's corner ids. */
final class BoardGeometry {
    private BoardGeometry() {}

    static List<Vec3> objectPoints(BoardPattern pattern, List<Vec3> board, BoardObservation seen, String source) {
        if (seen.size() < Math.max(4, pattern.minCornersPerView())) {
            throw new CalibrationException(source + ": " + seen.size() + " corners of board " + pattern
                + ", need at least " + Math.max(4, pattern.minCornersPerView()));
        }
        List<Vec3> out = new ArrayList<>(seen.size());
        Set<Integer> used = new HashSet<>();
        for (int id : seen.ids()) {
            if (id < 0 || id >= board.size() || !used.add(id)) {
                throw new CalibrationException(source + ": corner id " + id + " is not a distinct corner of board "
                    + pattern + " (ids 0.." + (board.size() - 1) + ")");
            }
            out.add(board.get(id));
        }
        return out;
    }
}

package io.sightline.calibration.camera;

import java.nio.file.Path;
import java.util.List;

/**
 * Our extrinsics YAML, shaped like a geometry_msgs/TransformStamped:
 * <pre>
 * parent_frame: base_link
 * child_frame: tabletop_optical_frame
 * translation: {x: 0.0, y: 0.0, z: 0.6}
 * rotation: {x: -0.6272, y: 0.6272, z: -0.3265, w: 0.3265}   # unit quaternion, xyzw
 * </pre>
 * (the values of {@link CameraModels#tabletopDefault()}: 0.6 m above the table, pitched down 35 degrees).
 * The transform maps child (camera optical frame) coordinates to parent (base_link) coordinates.
 */
public final class ExtrinsicsFile {
    private ExtrinsicsFile() {}

    public static CameraExtrinsics read(Path file) {
        YamlFields y = YamlFields.read(file);
        String parent = y.text("parent_frame");
        if (!CameraExtrinsics.BASE_LINK.equals(parent)) {
            throw new CameraFileException(file, "parent_frame",
                "expected '" + CameraExtrinsics.BASE_LINK + "' (extrinsics are camera -> base_link), got '" + parent + "'");
        }
        String child = y.text("child_frame");
        double[] t = y.namedNumbers("translation", "x", "y", "z");
        double[] q = y.namedNumbers("rotation", "x", "y", "z", "w");
        double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        // A hand-edited quaternion rounded to a few digits is fine; anything far from unit length is a mistake.
        if (Math.abs(norm - 1) > 1e-3) {
            throw new CameraFileException(file, "rotation", "quaternion must have unit length, has length " + norm);
        }
        return new CameraExtrinsics(parent, child, new RigidTransform(new Vec3(t[0], t[1], t[2]), q[0], q[1], q[2], q[3]));
    }

    public static void write(Path file, CameraExtrinsics e, List<String> comments) {
        RigidTransform r = e.cameraToBase();
        StringBuilder out = new StringBuilder();
        for (String c : comments) {
            for (String line : c.split("\n", -1)) {
                out.append("# ").append(line).append('\n');
            }
        }
        out.append("parent_frame: ").append(CameraInfoFile.scalar(e.parentFrame())).append('\n');
        out.append("child_frame: ").append(CameraInfoFile.scalar(e.childFrame())).append('\n');
        out.append("translation:\n")
            .append("  x: ").append(YamlFields.formatNumber(r.translation().x())).append('\n')
            .append("  y: ").append(YamlFields.formatNumber(r.translation().y())).append('\n')
            .append("  z: ").append(YamlFields.formatNumber(r.translation().z())).append('\n');
        out.append("rotation:\n")
            .append("  x: ").append(YamlFields.formatNumber(r.qx())).append('\n')
            .append("  y: ").append(YamlFields.formatNumber(r.qy())).append('\n')
            .append("  z: ").append(YamlFields.formatNumber(r.qz())).append('\n')
            .append("  w: ").append(YamlFields.formatNumber(r.qw())).append('\n');
        CameraInfoFile.writeText(file, out.toString());
    }

    public static void write(Path file, CameraExtrinsics e) {
        write(file, e, List.of());
    }
}

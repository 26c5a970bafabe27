package io.sightline.calibration.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads and writes the ROS camera_info YAML format of {@code camera_calibration_parsers}
 * (image_width, image_height, camera_name, camera_matrix, distortion_model, distortion_coefficients,
 * rectification_matrix, projection_matrix). Only monocular plumb_bob cameras without skew are supported;
 * the rectification and projection matrices are checked for shape but not used (for a monocular camera
 * R is the identity and P = [K | 0]).
 */
public final class CameraInfoFile {
    private CameraInfoFile() {}

    public static CameraInfo read(Path file) {
        YamlFields y = YamlFields.read(file);
        int width = y.positiveInt("image_width");
        int height = y.positiveInt("image_height");
        String name = y.has("camera_name") ? y.text("camera_name") : "camera";
        double[] k = y.matrix("camera_matrix", 3, 3);
        if (k[1] != 0) {
            throw new CameraFileException(file, "camera_matrix.data[1]", "skew " + k[1] + " is not supported (must be 0)");
        }
        if (k[3] != 0 || k[6] != 0 || k[7] != 0 || k[8] != 1) {
            throw new CameraFileException(file, "camera_matrix.data",
                "not a camera matrix [fx 0 cx; 0 fy cy; 0 0 1]: bottom rows are " + k[3] + " " + k[6] + " " + k[7] + " " + k[8]);
        }
        String model = y.text("distortion_model");
        if (!Distortion.MODEL.equals(model)) {
            throw new CameraFileException(file, "distortion_model",
                "unsupported distortion model '" + model + "' (supported: " + Distortion.MODEL + ")");
        }
        double[] d = y.matrix("distortion_coefficients", 1, 5);
        if (y.has("rectification_matrix")) {
            y.matrix("rectification_matrix", 3, 3);
        }
        if (y.has("projection_matrix")) {
            y.matrix("projection_matrix", 3, 4);
        }
        CameraIntrinsics intrinsics;
        try {
            intrinsics = new CameraIntrinsics(width, height, k[0], k[4], k[2], k[5]);
        } catch (IllegalArgumentException e) {
            throw new CameraFileException(file, "camera_matrix", e.getMessage());
        }
        return new CameraInfo(name, intrinsics, Distortion.of(d));
    }

    /** Writes {@code info}; {@code comments} become leading {@code #} lines (e.g. the RMS of a calibration). */
    public static void write(Path file, CameraInfo info, List<String> comments) {
        CameraIntrinsics k = info.intrinsics();
        StringBuilder out = new StringBuilder();
        for (String c : comments) {
            for (String line : c.split("\n", -1)) {
                out.append("# ").append(line).append('\n');
            }
        }
        out.append("image_width: ").append(k.width()).append('\n');
        out.append("image_height: ").append(k.height()).append('\n');
        out.append("camera_name: ").append(scalar(info.name())).append('\n');
        matrix(out, "camera_matrix", 3, 3, k.matrix());
        out.append("distortion_model: ").append(Distortion.MODEL).append('\n');
        matrix(out, "distortion_coefficients", 1, 5, info.distortion().coefficients());
        matrix(out, "rectification_matrix", 3, 3, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        matrix(out, "projection_matrix", 3, 4,
            new double[] {k.fx(), 0, k.cx(), 0, 0, k.fy(), k.cy(), 0, 0, 0, 1, 0});
        writeText(file, out.toString());
    }

    public static void write(Path file, CameraInfo info) {
        write(file, info, List.of());
    }

    static void writeText(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void matrix(StringBuilder out, String field, int rows, int cols, double[] data) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (double v : data) {
            j.add(YamlFields.formatNumber(v));
        }
        out.append(field).append(":\n")
            .append("  rows: ").append(rows).append('\n')
            .append("  cols: ").append(cols).append('\n')
            .append("  data: ").append(j).append('\n');
    }

    /** A YAML scalar: plain when it is a simple identifier, otherwise a double-quoted JSON string. */
    static String scalar(String s) {
        if (s.matches("[A-Za-z_][A-Za-z0-9_./-]*") && !s.matches("(?i)true|false|yes|no|on|off|null|~")) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}

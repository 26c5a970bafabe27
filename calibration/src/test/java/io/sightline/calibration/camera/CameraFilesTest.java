package io.sightline.calibration.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CameraFilesTest {
    @TempDir
    Path dir;

    static final String GOOD_INFO = """
        image_width: 640
        image_height: 480
        camera_name: narrow_stereo
        camera_matrix:
          rows: 3
          cols: 3
          data: [536.07, 0, 342.37, 0, 536.02, 235.54, 0, 0, 1]
        distortion_model: plumb_bob
        distortion_coefficients:
          rows: 1
          cols: 5
          data: [-0.265, -0.0467, 0.00183, -0.000314, 0.252]
        rectification_matrix:
          rows: 3
          cols: 3
          data: [1, 0, 0, 0, 1, 0, 0, 0, 1]
        projection_matrix:
          rows: 3
          cols: 4
          data: [536.07, 0, 342.37, 0, 0, 536.02, 235.54, 0, 0, 0, 1, 0]
        """;

    static final String GOOD_EXTRINSICS = """
        parent_frame: base_link
        child_frame: narrow_stereo_optical_frame
        translation: {x: 0.1, y: -0.02, z: 0.6}
        rotation: {x: 0, y: 0, z: 0, w: 1}
        """;

    @Test
    void readsARosCameraInfoFileAsRosWritesIt() throws IOException {
        Path info = write("camera.yaml", GOOD_INFO);
        CameraInfo c = CameraInfoFile.read(info);
        assertThat(c.name()).isEqualTo("narrow_stereo");
        assertThat(c.intrinsics()).isEqualTo(new CameraIntrinsics(640, 480, 536.07, 536.02, 342.37, 235.54));
        assertThat(c.distortion()).isEqualTo(new Distortion(-0.265, -0.0467, 0.00183, -0.000314, 0.252));
    }

    @Test
    void modelRoundTripsExactlyThroughBothFiles() {
        CameraModel tabletop = CameraModels.tabletopDefault();
        CameraModel model = new CameraModel("wrist cam: \"left\"",
            new CameraIntrinsics(1280, 720, 912.345678901234, 911.1, 640.25, 359.75),
            new Distortion(-0.28, 0.07, 1e-4, -2e-4, 1.5e-12),
            RigidTransform.fromRpy(new Vec3(0.123456789, -1e-9, 0.6), -1.7, 0.02, 2.9));
        Path info = dir.resolve("sub/camera.yaml");
        Path extrinsics = dir.resolve("sub/extrinsics.yaml");
        CameraFiles.save(model, info, extrinsics);
        assertThat(CameraFiles.load(info, extrinsics)).isEqualTo(model);
        CameraFiles.save(tabletop, info, extrinsics);
        assertThat(CameraFiles.load(info, extrinsics)).isEqualTo(tabletop);
    }

    @Test
    void writtenCameraInfoKeepsTheRosLayoutAndComments() throws IOException {
        Path info = dir.resolve("camera.yaml");
        CameraInfoFile.write(info, CameraInfo.of(CameraModels.tabletopDefault()), List.of("rms 0.31 px"));
        String text = Files.readString(info);
        assertThat(text).startsWith("# rms 0.31 px\nimage_width: 640\nimage_height: 480\ncamera_name: tabletop\n");
        assertThat(text).contains("distortion_model: plumb_bob", "rectification_matrix:", "projection_matrix:\n  rows: 3\n  cols: 4");
    }

    @Test
    void loadsTheCombinedModel() throws IOException {
        CameraModel m = CameraFiles.load(write("c.yaml", GOOD_INFO), write("e.yaml", GOOD_EXTRINSICS));
        assertThat(m.origin()).isEqualTo(new Vec3(0.1, -0.02, 0.6));
        assertThat(m.intrinsics().fx()).isEqualTo(536.07);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        missing camera_matrix          | camera_matrix:\\n  rows: 3\\n  cols: 3\\n  data: [536.07, 0, 342.37, 0, 536.02, 235.54, 0, 0, 1]\\n | | camera_matrix | missing
        wrong matrix size              | rows: 1\\n  cols: 5 | rows: 1\\n  cols: 4 | distortion_coefficients | expected a 1x5 matrix
        data length differs from shape | 0, 0, 1]\\ndistortion_model | 0, 0]\\ndistortion_model | camera_matrix.data | expected 9 numbers
        non-numeric entry              | 536.02, 235.54 | fast, 235.54 | camera_matrix.data[4] | 'fast'
        unsupported model              | distortion_model: plumb_bob | distortion_model: equidistant | distortion_model | unsupported distortion model 'equidistant'
        negative width                 | image_width: 640 | image_width: -640 | image_width | positive integer
        fractional height              | image_height: 480 | image_height: 480.5 | image_height | positive integer
        skew                           | data: [536.07, 0, 342.37 | data: [536.07, 0.5, 342.37 | camera_matrix.data[1] | skew
        projection shape               | rows: 3\\n  cols: 4 | rows: 4\\n  cols: 4 | projection_matrix | expected a 3x4 matrix
        zero focal length              | [536.07, 0, 342.37 | [0, 0, 342.37 | camera_matrix | focal lengths
        """)
    void badCameraInfoNamesFileAndField(String caseName, String from, String to, String field, String problem) throws IOException {
        String text = GOOD_INFO.replace(from.replace("\\n", "\n"), to == null ? "" : to.replace("\\n", "\n"));
        assertThat(text).as("test edit applies").isNotEqualTo(GOOD_INFO);
        Path file = write("bad.yaml", text);
        assertThatThrownBy(() -> CameraInfoFile.read(file))
            .isInstanceOf(CameraFileException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("'" + field + "'")
            .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        wrong parent          | parent_frame: base_link | parent_frame: odom | parent_frame | expected 'base_link'
        missing translation z | , z: 0.6} | } | translation.z | missing
        non-numeric rotation  | w: 1} | w: one} | rotation.w | 'one'
        non-unit quaternion   | w: 1} | w: 2} | rotation | unit length
        missing child frame   | child_frame: narrow_stereo_optical_frame | | child_frame | missing
        """)
    void badExtrinsicsNameFileAndField(String caseName, String from, String to, String field, String problem) throws IOException {
        String text = GOOD_EXTRINSICS.replace(from, to == null ? "" : to);
        assertThat(text).as("test edit applies").isNotEqualTo(GOOD_EXTRINSICS);
        Path file = write("bad-extrinsics.yaml", text);
        assertThatThrownBy(() -> ExtrinsicsFile.read(file))
            .isInstanceOf(CameraFileException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("'" + field + "'")
            .hasMessageContaining(problem);
    }

    @Test
    void unreadableFilesNameTheFile() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> CameraInfoFile.read(missing)).isInstanceOf(CameraFileException.class)
            .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
        Path broken = write("broken.yaml", "image_width: [640\n");
        assertThatThrownBy(() -> CameraInfoFile.read(broken)).isInstanceOf(CameraFileException.class)
            .hasMessageContaining(broken.toString()).hasMessageContaining("not valid YAML");
        Path empty = write("empty.yaml", "");
        assertThatThrownBy(() -> ExtrinsicsFile.read(empty)).isInstanceOf(CameraFileException.class)
            .hasMessageContaining(empty.toString()).hasMessageContaining("empty");
        Path list = write("list.yaml", "- 1\n- 2\n");
        assertThatThrownBy(() -> ExtrinsicsFile.read(list)).isInstanceOf(CameraFileException.class)
            .hasMessageContaining("mapping");
    }

    @Test
    void numbersAreWrittenSoYaml11ReadsThemAsNumbers() {
        assertThat(YamlFields.formatNumber(1e10)).isEqualTo("1.0e+10");
        assertThat(YamlFields.formatNumber(-2e-4)).isEqualTo("-2.0e-4");
        assertThat(YamlFields.formatNumber(525.0)).isEqualTo("525.0");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}

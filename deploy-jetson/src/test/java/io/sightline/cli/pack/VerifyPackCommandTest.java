package io.sightline.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.cli.testing.CliRun;
import io.sightline.cli.testing.ShippedPack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sightline pack verify} runs the pack's own fixtures: a weight changed together with its recomputed sha256
 * passes every file check, and must still be refused (issue 25, point 9).
 */
class VerifyPackCommandTest {
    /** An early-layer bias of the vision encoder: every output depends on it. */
    private static final String WEIGHT = "model.encoder.stem.patchify.bias";

    @TempDir
    Path tmp;

    private static Path shipped() {
        Optional<Path> pack = ShippedPack.find();
        Assumptions.assumeTrue(pack.isPresent(), "no model pack in models/tabletop-vlm");
        return pack.get();
    }

    @Test
    void theShippedPackMatchesItsFixtures() {
        CliRun r = CliRun.of("pack", "verify", shipped().toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("fixtures: ").contains("within tolerance 1.0e-04");
    }

    @Test
    void aChangedWeightWithARecomputedSha256IsRefusedWithTheFileAndTheDifference() throws Exception {
        Path pack = ShippedPack.copy(shipped(), tmp.resolve("pack"));
        Path graph = pack.resolve("vision_encoder.onnx");
        byte[] bytes = Files.readAllBytes(graph);
        int offset = firstFloatOf(bytes, WEIGHT);
        bytes[offset + 3]++; // the sign-and-exponent byte (little-endian): the first bias value times 4
        Files.write(graph, bytes);
        rewriteSha256(pack, "vision_encoder.onnx", bytes);

        CliRun hashesOnly = CliRun.of("pack", "verify", "--skip-fixtures", pack.toString());
        assertThat(hashesOnly.exitCode()).as("sha256 and tensor checks alone pass: " + hashesOnly.err()).isZero();

        CliRun r = CliRun.of("pack", "verify", pack.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("fixtures").containsPattern("of case\\d_image\\.png").containsPattern("case\\d_(image_features|det_logits|det_boxes)\\.bin")
            .contains("largest difference").contains("tolerance 1.0e-04");
    }

    /** Offset of the raw data of initializer {@code name}: TensorProto's name (field 8), then raw_data (field 9). */
    private static int firstFloatOf(byte[] onnx, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 2; i + n.length + 2 < onnx.length; i++) {
            if (onnx[i - 2] != 0x42 || onnx[i - 1] != n.length) {
                continue;
            }
            for (int j = 0; j < n.length; j++) {
                if (onnx[i + j] != n[j]) {
                    continue outer;
                }
            }
            int p = i + n.length;
            if (onnx[p] != 0x4A) {
                continue;
            }
            p++;
            while ((onnx[p] & 0x80) != 0) {
                p++; // the varint length
            }
            return p + 1;
        }
        throw new AssertionError("initializer " + name + " with raw_data not found");
    }

    private static void rewriteSha256(Path pack, String file, byte[] bytes) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path manifest = pack.resolve("manifest.json");
        ObjectNode root = (ObjectNode) json.readTree(manifest.toFile());
        ((ObjectNode) root.path("files").path(file)).put("sha256",
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        json.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), root);
    }
}

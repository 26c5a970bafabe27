package io.sightline.perception.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack loader refuses tampered, incomplete and inconsistent packs, naming the file and the mismatch. */
class ModelPackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void loadsAGoodPack() {
        Path pack = TestPacks.require();
        ModelPack p = ModelPack.load(pack);
        PackManifest m = p.manifest();
        assertThat(m.graphs()).containsKeys(PackManifest.VISION_ENCODER, PackManifest.EMBED_TOKENS, PackManifest.DECODER);
        assertThat(m.requireLanguage().imageTokens()).isPositive();
        assertThat(m.requireLanguage().loc().bins()).isPositive();
        assertThat(m.files()).containsKeys("vision_encoder.onnx", "tokenizer.json");
        assertThat(p.graphFile(PackManifest.DECODER)).isRegularFile();
        assertThat(m.denseHead()).isPresent();
        assertThat(m.denseHead().get().tokens() * m.denseHead().get().channels()).isPositive();
    }

    @Test
    void refusesATamperedFile() throws IOException {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        Files.writeString(pack.resolve("tokenizer.json"), " ", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessageStartingWith("tokenizer.json: sha256 ").hasMessageContaining("differs from manifest.json")
            .satisfies(e -> assertThat(((PackException) e).file()).isEqualTo("tokenizer.json"));
    }

    @Test
    void refusesAMissingFile() throws IOException {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        Files.delete(pack.resolve("embed_tokens.onnx"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessageStartingWith("embed_tokens.onnx: listed in manifest.json but missing");
    }

    @Test
    void refusesATensorTheGraphDoesNotHave() {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        editManifest(pack, m -> ((ObjectNode) m.path("graphs").path("vision_encoder").path("outputs").get(0))
            .put("name", "last_hidden_state"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessageStartingWith("manifest.json: output tensor 'last_hidden_state' not found in vision_encoder.onnx; has [")
            .hasMessageContaining("image_features");
    }

    @Test
    void refusesAWrongElementTypeOrRank() {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        editManifest(pack, m -> ((ObjectNode) m.path("graphs").path("embed_tokens").path("inputs").get(0)).put("dtype", "int32"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: tensor 'input_ids' is int64 in embed_tokens.onnx, manifest says int32");

        Path pack2 = TestPacks.copy(TestPacks.require(), tmp.resolve("pack2"));
        editManifest(pack2, m -> {
            ObjectNode t = (ObjectNode) m.path("graphs").path("decoder").path("outputs").get(0);
            t.put("rank", 2);
            t.putArray("shape").add("batch").add("sequence");
        });
        assertThatThrownBy(() -> ModelPack.load(pack2)).isInstanceOf(PackException.class)
            .hasMessageStartingWith("manifest.json: tensor 'logits' has rank 3 ").hasMessageContaining("manifest says rank 2");
    }

    @Test
    void refusesAGraphNotCoveredByADigest() {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        editManifest(pack, m -> ((ObjectNode) m.path("files")).remove("decoder_model_merged.onnx"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: 'decoder_model_merged.onnx' is not listed in files (no sha256 to check it against)");
    }

    @Test
    void refusesMalformedJsonWithItsPosition() throws IOException {
        Path pack = Files.createDirectories(tmp.resolve("pack"));
        Files.writeString(pack.resolve("manifest.json"), "{\n \"name\": \"x\",\n \"version\": \n}");
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessageStartingWith("manifest.json: not valid JSON").hasMessageContaining("line 4");
    }

    @Test
    void refusesAMissingOrMistypedField() {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        editManifest(pack, m -> ((ObjectNode) m.path("image")).remove("width"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: image.width missing");

        editManifest(pack, m -> ((ObjectNode) m.path("image")).put("width", "wide"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: image.width must be an integer, got \"wide\"");
    }

    @Test
    void refusesAnAnswerGrammarTheDecoderCannotRead() {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        editManifest(pack, m -> m.put("grammar", "florence2-loc"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: grammar florence2-loc is not supported yet (the language decoder reads"
                + " paligemma-loc answers only)");

        editManifest(pack, m -> m.put("grammar", "kosmos-loc"));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: grammar 'kosmos-loc' is unknown; supported: paligemma-loc");
    }

    @Test
    void readsTheDenseHeadPeakRuleWithThePlain3x3MaximumForOlderPacks() {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        editManifest(pack, m -> ((ObjectNode) m.path("dense_head")).put("peak_box_iou", 0.45));
        assertThat(ModelPack.load(pack).manifest().denseHead().get().peakBoxIou()).isEqualTo(0.45);

        editManifest(pack, m -> ((ObjectNode) m.path("dense_head")).remove("peak_box_iou"));
        assertThat(ModelPack.load(pack).manifest().denseHead().get().peakBoxIou()).isZero();

        editManifest(pack, m -> ((ObjectNode) m.path("dense_head")).put("peak_box_iou", 1.5));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: dense_head.peak_box_iou must be in [0,1], got 1.5");
    }

    @Test
    void readsTheNoneThresholdPerTaskWithTheEvenRuleForOlderPacks() {
        Path pack = TestPacks.copy(TestPacks.require(), tmp.resolve("pack"));
        editManifest(pack, m -> ((ObjectNode) m.path("prompt")).putObject("none_threshold").put("ground", 0.3));
        PackManifest manifest = ModelPack.load(pack).manifest();
        assertThat(manifest.requireLanguage().noneThreshold("ground")).isEqualTo(0.3);
        assertThat(manifest.requireLanguage().noneThreshold("detect")).isEqualTo(PackManifest.DEFAULT_NONE_THRESHOLD);

        editManifest(pack, m -> ((ObjectNode) m.path("prompt")).remove("none_threshold"));
        assertThat(ModelPack.load(pack).manifest().requireLanguage().noneThreshold("ground")).isEqualTo(0.5);

        editManifest(pack, m -> ((ObjectNode) m.path("prompt")).putObject("none_threshold").put("ground", 1.0));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: prompt.none_threshold.ground must be strictly between 0 and 1, got 1.0");

        editManifest(pack, m -> ((ObjectNode) m.path("prompt")).putObject("none_threshold").put("describe", 0.3));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: prompt.none_threshold.describe: only the tasks that can answer none (ground, detect) take a threshold");

        editManifest(pack, m -> ((ObjectNode) m.path("prompt")).put("none_threshold", 0.3));
        assertThatThrownBy(() -> ModelPack.load(pack)).isInstanceOf(PackException.class)
            .hasMessage("manifest.json: prompt.none_threshold must be an object of task -> threshold, got 0.3");
    }

    @Test
    void refusesAFolderWithoutManifest() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ModelPack.load(empty)).isInstanceOf(PackException.class)
            .hasMessageStartingWith("manifest.json: missing in ");
        assertThatThrownBy(() -> ModelPack.load(tmp.resolve("nope"))).isInstanceOf(PackException.class)
            .hasMessageContaining("model pack folder does not exist");
    }

    private static void editManifest(Path pack, Consumer<ObjectNode> edit) {
        try {
            Path f = pack.resolve("manifest.json");
            ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
            edit.accept(root);
            JSON.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.sightline.quantize;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.sightline.runtime.onnx.ir.OnnxIr.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxModelFileTest {
    @Test
    void readThenWriteGivesTheSameBytesAsTheOnnxPackageWrote() {
        byte[] original = TinyEncoder.bytes();
        ModelProto model = OnnxModelFile.parse(original, "tiny");
        assertThat(model.getGraph().getNodeCount()).isEqualTo(12);
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(model.toByteArray()).isEqualTo(original);
    }

    @Test
    void fieldsOutsideTheSubsetRoundTrip() {
        // ModelProto.training_info (20) and functions (25) are not in our schema
        UnknownFieldSet extra = UnknownFieldSet.newBuilder()
            .addField(25, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("\n\u0003fun")).build())
            .build();
        ModelProto withExtra = TinyEncoder.model().toBuilder().setUnknownFields(extra).build();
        byte[] bytes = withExtra.toByteArray();
        ModelProto reread = OnnxModelFile.parse(bytes, "extra");
        assertThat(reread.getUnknownFields().hasField(25)).isTrue();
        assertThat(reread.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void rewrittenModelRunsInOnnxRuntimeWithIdenticalOutputs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("copy.onnx");
        Files.write(file, TinyEncoder.model().toBuilder().build().toByteArray());
        float[] x = TinyEncoder.frame(1);
        try (EncoderSession a = new EncoderSession(TinyEncoder.bytes(), 1, "original");
             EncoderSession b = new EncoderSession(Files.readAllBytes(file), 1, "rewritten")) {
            Map<String, float[]> ya = a.run(x, TinyEncoder.SHAPE, Set.of("image_features", "pooled"));
            Map<String, float[]> yb = b.run(x, TinyEncoder.SHAPE, Set.of("image_features", "pooled"));
            assertThat(yb.get("image_features")).containsExactly(ya.get("image_features"));
            assertThat(yb.get("pooled")).containsExactly(ya.get("pooled"));
        }
    }

    @Test
    void rejectsFilesThatAreNotModels(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "not a model");
        assertThatThrownBy(() -> OnnxModelFile.read(junk)).isInstanceOf(Int8CalibrationException.class).hasMessageContaining("junk.onnx");
        assertThatThrownBy(() -> OnnxModelFile.read(dir.resolve("missing.onnx"))).hasMessageContaining("missing.onnx");
    }
}

package io.sightline.scenes.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.scene.Box2D;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expression file's format: what is read, and a bad line named by file and line. */
class RealExpressionSetTest {
    @TempDir
    Path dir;

    private void write(String... lines) throws Exception {
        Files.writeString(dir.resolve(RealExpressionSet.EXPRESSIONS), String.join("\n", lines) + "\n");
    }

    @Test
    void readsTargetsNoTargetsSplitsAndNotes() throws Exception {
        write("{\"image\": \"images/a.jpg\", \"expression\": \"the red cup\", \"kind\": \"ATTRIBUTE\", \"target\": [1, 2, 30, 40],"
                + " \"split\": \"val\", \"label\": \"cup\"}",
            "",
            "{\"image\": \"images/b.jpg\", \"expression\": \"the dog\", \"kind\": \"NO_TARGET\", \"target\": null,"
                + " \"split\": \"test\", \"note\": \"a cat\"}");
        RealExpressionSet set = RealExpressionSet.read(dir);
        assertThat(RealExpressionSet.hasExpressions(dir)).isTrue();
        assertThat(set.expressions()).hasSize(2);
        RealExpression a = set.expressions().get(0);
        assertThat(a.kind()).isEqualTo(RealExpressionKind.ATTRIBUTE);
        assertThat(a.target()).contains(new Box2D(1, 2, 30, 40));
        assertThat(a.split()).isEqualTo(ImageSplit.VAL);
        assertThat(a.note()).isEmpty();
        assertThat(a.line()).isEqualTo(1);
        RealExpression b = set.expressions().get(1);
        assertThat(b.target()).isEmpty();
        assertThat(b.note()).isEqualTo("a cat");
        assertThat(b.line()).isEqualTo(3);
        assertThat(set.select(ImageSplit.TEST)).containsExactly(b);
        assertThat(set.select(ImageSplit.ALL)).hasSize(2);
    }

    @Test
    void aNoTargetLineWithABoxFailsWithFileAndLine() throws Exception {
        write("{\"image\": \"a.jpg\", \"expression\": \"the cup\", \"kind\": \"CLASS\", \"target\": [0, 0, 5, 5], \"split\": \"val\"}",
            "{\"image\": \"a.jpg\", \"expression\": \"the dog\", \"kind\": \"NO_TARGET\", \"target\": [0, 0, 5, 5], \"split\": \"val\"}");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining("expressions.jsonl:2")
            .hasMessageContaining("NO_TARGET expression has target null");
    }

    @Test
    void aTargetedLineWithoutABoxFails() throws Exception {
        write("{\"image\": \"a.jpg\", \"expression\": \"the cup\", \"kind\": \"ORDINAL\", \"target\": null, \"split\": \"test\"}");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining("expressions.jsonl:1")
            .hasMessageContaining("ORDINAL expression needs a target box");
    }

    @Test
    void anUnknownKindAMissingTargetABadBoxAndABadSplitAreNamed() throws Exception {
        write("{\"image\": \"a.jpg\", \"expression\": \"the cup\", \"kind\": \"SUPERLATIVE\", \"target\": null, \"split\": \"val\"}");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining(":1: kind must be one of");
        write("{\"image\": \"a.jpg\", \"expression\": \"the cup\", \"kind\": \"CLASS\", \"split\": \"val\"}");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining(":1: missing field 'target'");
        write("{\"image\": \"a.jpg\", \"expression\": \"the cup\", \"kind\": \"CLASS\", \"target\": [0, 0, 5], \"split\": \"val\"}");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining(":1: target [0,0,5] is not");
        write("{\"image\": \"a.jpg\", \"expression\": \"the cup\", \"kind\": \"CLASS\", \"target\": [9, 0, 5, 5], \"split\": \"val\"}");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining(":1: box corners out of order");
        write("{\"image\": \"a.jpg\", \"expression\": \"the cup\", \"kind\": \"CLASS\", \"target\": [0, 0, 5, 5], \"split\": \"all\"}");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining(":1: an expression's split is val or test");
        write("not json");
        assertThatThrownBy(() -> RealExpressionSet.read(dir)).hasMessageContaining("expressions.jsonl:1");
    }
}

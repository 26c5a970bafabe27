package io.sightline.perception.grounding;

import static io.sightline.perception.relations.RelationFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.perception.scene.Box2D;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPhraseTest {
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "orange", "purple");
    private static final List<String> SHAPES = List.of("cube", "ball", "cup", "cone", "bottle", "can");

    private static TargetPhrase of(String expression) {
        return TargetPhrase.of(expression, COLOURS, SHAPES);
    }

    @Test
    void readsTheHeadUpToTheFirstRelationWord() {
        assertThat(of("the red cup behind the blue box").describe()).isEqualTo("red cup");
        assertThat(of("the cup to the left of the red cube").describe()).isEqualTo("cup");
        assertThat(of("the rightmost green cone").describe()).isEqualTo("green cone");
        assertThat(of("the red one right of the purple one").describe()).isEqualTo("red one");
        assertThat(of("the ball nearest to the robot").describe()).isEqualTo("ball");
        assertThat(of("the yellow can on the far side of the ball").describe()).isEqualTo("yellow can");
        assertThat(of("the one in front of the purple cone").namesAttributes()).isFalse();
        assertThat(of("the thingamajig over there").namesAttributes()).isFalse();
        assertThat(of("").namesAttributes()).isFalse();
    }

    @Test
    void aTrackFitsWhenItHasEveryNamedAttribute() {
        var redCup = at(1, "red", "cup", 0.5, 0.0, new Box2D(0, 0, 10, 10));
        assertThat(of("the red cup").fits(redCup)).isTrue();
        assertThat(of("the cup").fits(redCup)).isTrue();
        assertThat(of("the red one left of the ball").fits(redCup)).isTrue();
        assertThat(of("the blue cup").fits(redCup)).isFalse();
        assertThat(of("the red ball").fits(redCup)).isFalse();
        // words of the anchor do not count for the target
        assertThat(of("the cup behind the blue ball").fits(redCup)).isTrue();
    }
}

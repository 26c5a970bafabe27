package io.sightline.scenes.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorldSamplerTest {
    @Test
    void objectsNeverInterpenetrateAndStayOnTheTable() {
        WorldSampler sampler = new WorldSampler(3, 12, CompositionFilter.ANY);
        for (long seed = 0; seed < 200; seed++) {
            TabletopWorld world = sampler.sample(50, new SplittableRandom(seed));
            List<WorldObject> objects = world.objects();
            assertThat(objects).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 0; i < objects.size(); i++) {
                WorldObject a = objects.get(i);
                Table t = world.table();
                assertThat(a.x() - a.footprintRadius()).isGreaterThan(t.xMin());
                assertThat(a.x() + a.footprintRadius()).isLessThan(t.xMax());
                assertThat(Math.abs(a.y()) + a.footprintRadius()).isLessThan(t.yMax());
                for (int j = i + 1; j < objects.size(); j++) {
                    assertThat(WorldSampler.clearance(a, objects.get(j)))
                        .as("seed %d objects %d and %d", seed, a.id(), objects.get(j).id())
                        .isGreaterThanOrEqualTo(WorldSampler.GAP);
                }
            }
        }
    }

    @Test
    void footprintCircleContainsTheCubeCornersAndTheCupHandle() {
        WorldObject cube = new WorldObject(1, Shape.CUBE, Colour.RED, new ShapeDimensions(0.03, 0.06, 0), 0.5, 0, 0.7, 0, 0);
        assertThat(cube.footprintRadius()).isCloseTo(Math.hypot(0.03, 0.03), org.assertj.core.data.Offset.offset(1e-12));
        WorldObject cup = new WorldObject(2, Shape.CUP, Colour.RED, new ShapeDimensions(0.04, 0.09, 0.025), 0.5, 0, 0, 0, 0);
        assertThat(cup.footprintRadius()).isEqualTo(0.065);
        assertThat(cup.size().x()).isEqualTo(0.105, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aCompositionAppearsAtMostTwiceButTwinsDoOccur() {
        WorldSampler sampler = new WorldSampler(6, 12, CompositionFilter.ANY);
        int twins = 0;
        for (long seed = 0; seed < 100; seed++) {
            java.util.Map<String, Long> counts = sampler.sample(10, new SplittableRandom(seed)).objects().stream()
                .collect(java.util.stream.Collectors.groupingBy(o -> o.colour() + " " + o.shape(),
                    java.util.stream.Collectors.counting()));
            assertThat(counts.values()).allMatch(n -> n <= 2);
            twins += (int) counts.values().stream().filter(n -> n == 2).count();
        }
        assertThat(twins).isPositive();
    }

    @Test
    void respectsTheCompositionFilter() {
        CompositionFilter noRedCups = (s, c) -> !(s == Shape.CUP && c == Colour.RED) && c != Colour.BLUE;
        WorldSampler sampler = new WorldSampler(4, 8, noRedCups);
        for (long seed = 0; seed < 100; seed++) {
            for (WorldObject o : sampler.sample(10, new SplittableRandom(seed)).objects()) {
                assertThat(noRedCups.allows(o.shape(), o.colour())).as("%s %s", o.colour(), o.shape()).isTrue();
            }
        }
    }

    @Test
    void someObjectsComeAndGoWithinTheSequence() {
        WorldSampler sampler = new WorldSampler(3, 8, CompositionFilter.ANY);
        long changing = 0;
        for (long seed = 0; seed < 50; seed++) {
            TabletopWorld w = sampler.sample(40, new SplittableRandom(seed));
            changing += w.objects().stream().filter(o -> o.firstFrame() > 0 || o.lastFrame() < 39).count();
            assertThat(w.presentAt(0)).isNotEmpty();
        }
        assertThat(changing).isPositive();
    }

    @Test
    void rejectsABadObjectCountRange() {
        assertThatThrownBy(() -> new WorldSampler(5, 3, CompositionFilter.ANY)).hasMessageContaining("5..3");
    }
}

package io.sightline.scenes.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RayIntersectionsTest {
    private static RayHit fresh() {
        RayHit h = new RayHit();
        h.reset(Double.POSITIVE_INFINITY);
        return h;
    }

    @Test
    void boxIsHitOnTheFaceTheRayEnters() {
        RayHit h = fresh();
        assertThat(RayIntersections.box(-1, 0.2, 0.5, 1, 0, 0, -0.5, -0.5, 0, 0.5, 0.5, 1, h)).isTrue();
        assertThat(h.t).isCloseTo(0.5, offset(1e-12));
        assertThat(new double[] {h.nx, h.ny, h.nz}).containsExactly(-1, 0, 0);
        RayHit down = fresh();
        assertThat(RayIntersections.box(0.1, 0.1, 3, 0, 0, -1, -0.5, -0.5, 0, 0.5, 0.5, 1, down)).isTrue();
        assertThat(down.t).isCloseTo(2, offset(1e-12));
        assertThat(down.nz).isEqualTo(1);
        assertThat(RayIntersections.box(2, 0, 0.5, 0, 0, 1, -0.5, -0.5, 0, 0.5, 0.5, 1, fresh())).isFalse();
    }

    @Test
    void sphereHitsAtTheNearSurface() {
        RayHit h = fresh();
        assertThat(RayIntersections.sphere(0, 0, 5, 0, 0, -1, 1, 1, h)).isTrue();
        assertThat(h.t).isCloseTo(3, offset(1e-12));
        assertThat(RayIntersections.sphere(1.01, 0, 5, 0, 0, -1, 1, 1, fresh())).isFalse();
    }

    @Test
    void frustumSideCoversCylinderAndCone() {
        RayHit cyl = fresh();
        assertThat(RayIntersections.frustumSide(-2, 0, 0.5, 1, 0, 0, 0, 0.5, 1, 0.5, cyl)).isTrue();
        assertThat(cyl.t).isCloseTo(1.5, offset(1e-12));
        // A cone of base radius 1 and height 1: at z = 0.5 its radius is 0.5.
        RayHit cone = fresh();
        assertThat(RayIntersections.frustumSide(-2, 0, 0.5, 1, 0, 0, 0, 1, 1, 0, cone)).isTrue();
        assertThat(cone.t).isCloseTo(1.5, offset(1e-12));
        // Above the apex the mirrored nappe must not count.
        assertThat(RayIntersections.frustumSide(-2, 0, 1.5, 1, 0, 0, 0, 1, 1, 0, fresh())).isFalse();
    }

    @Test
    void openCylinderShowsItsInsideFromAbove() {
        // Looking down into a cylinder slanted: no cap, so the ray reaches the far inner wall.
        RayHit h = fresh();
        assertThat(RayIntersections.frustumSide(0, 0, 2, 0.5, 0, -1, 0, 0.5, 1, 0.5, h)).isTrue();
        assertThat(2 - h.t).as("hit height").isCloseTo(1, offset(1e-9));
    }

    @Test
    void discAndAnnulus() {
        assertThat(RayIntersections.disc(0.3, 0, 1, 0, 0, -1, 0, 0, 0.5, fresh())).isTrue();
        assertThat(RayIntersections.disc(0.3, 0, 1, 0, 0, -1, 0, 0.4, 0.5, fresh())).isFalse();
        assertThat(RayIntersections.disc(0.45, 0, 1, 0, 0, -1, 0, 0.4, 0.5, fresh())).isTrue();
    }

    @Test
    void torusHandleIsHitWhereItsTubeIs() {
        // Torus in the x-z plane centred at (0, 0, 0) with radii 0.03 / 0.005, clipped to x >= 0: a ray along -y
        // through (0.03, ., 0) hits the tube front at y = 0.005.
        RayHit h = fresh();
        assertThat(RayIntersections.clippedTorus(0.03, 1, 0, 0, -1, 0, 0, 0, 0.03, 0.005, 0, h)).isTrue();
        assertThat(h.t).isCloseTo(1 - 0.005, offset(1e-5));
        // Through the hole of the ring: nothing.
        assertThat(RayIntersections.clippedTorus(0.0, 1, 0.0, 0, -1, 0, -0.05, 0, 0.03, 0.005, -0.1, fresh())).isFalse();
        // The clipped half is gone.
        assertThat(RayIntersections.clippedTorus(-0.03, 1, 0, 0, -1, 0, 0, 0, 0.03, 0.005, 0, fresh())).isFalse();
    }
}

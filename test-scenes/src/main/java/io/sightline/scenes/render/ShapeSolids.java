package io.sightline.scenes.render;

import io.sightline.scenes.world.Shape;
import io.sightline.scenes.world.ShapeDimensions;

/** The geometry of each {@link Shape}, built from analytic primitives in the object's own frame. */
final class ShapeSolids {
    /** Cup wall and bottom thickness (metres). */
    static final double CUP_WALL = 0.004;
    /** Cup handle tube radius (metres). */
    static final double HANDLE_TUBE = 0.0055;

    private ShapeSolids() {
    }

    static Solid of(Shape shape, ShapeDimensions d) {
        double r = d.radius();
        double h = d.height();
        return switch (shape) {
            case CUBE -> new Solid() {
                public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
                    return RayIntersections.box(ox, oy, oz, dx, dy, dz, -r, -r, 0, r, r, h, hit);
                }

                public double[] bounds() {
                    return new double[] {-r, -r, 0, r, r, h};
                }
            };
            case BALL -> new Solid() {
                public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
                    return RayIntersections.sphere(ox, oy, oz, dx, dy, dz, r, r, hit);
                }

                public double[] bounds() {
                    return new double[] {-r, -r, 0, r, r, 2 * r};
                }
            };
            case CAN -> new Solid() {
                public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
                    boolean side = RayIntersections.frustumSide(ox, oy, oz, dx, dy, dz, 0, r, h, r, hit);
                    boolean top = RayIntersections.disc(ox, oy, oz, dx, dy, dz, h, 0, r, hit);
                    return side | top;
                }

                public double[] bounds() {
                    return new double[] {-r, -r, 0, r, r, h};
                }
            };
            case CONE -> new Solid() {
                public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
                    boolean side = RayIntersections.frustumSide(ox, oy, oz, dx, dy, dz, 0, r, h, 0, hit);
                    boolean base = RayIntersections.disc(ox, oy, oz, dx, dy, dz, 0, 0, r, hit);
                    return side | base;
                }

                public double[] bounds() {
                    return new double[] {-r, -r, 0, r, r, h};
                }
            };
            case BOTTLE -> bottle(r, h, d.extra());
            case CUP -> cup(r, h, d.extra());
        };
    }

    /** A body cylinder, a conical shoulder, a neck and a flat cap. */
    private static Solid bottle(double r, double h, double neck) {
        double zShoulder = 0.62 * h;
        double zNeck = 0.82 * h;
        return new Solid() {
            public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
                boolean any = RayIntersections.frustumSide(ox, oy, oz, dx, dy, dz, 0, r, zShoulder, r, hit);
                any |= RayIntersections.frustumSide(ox, oy, oz, dx, dy, dz, zShoulder, r, zNeck, neck, hit);
                any |= RayIntersections.frustumSide(ox, oy, oz, dx, dy, dz, zNeck, neck, h, neck, hit);
                any |= RayIntersections.disc(ox, oy, oz, dx, dy, dz, h, 0, neck, hit);
                return any;
            }

            public double[] bounds() {
                return new double[] {-r, -r, 0, r, r, h};
            }
        };
    }

    /** An open cylinder with a wall and a bottom, a rim, and a torus handle on +x reaching {@code reach} out. */
    private static Solid cup(double r, double h, double reach) {
        double inner = r - CUP_WALL;
        double big = 0.27 * h;
        double cx = r + reach - big - HANDLE_TUBE;
        double cz = 0.52 * h;
        double clip = r - CUP_WALL / 2;
        return new Solid() {
            public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
                boolean any = RayIntersections.frustumSide(ox, oy, oz, dx, dy, dz, 0, r, h, r, hit);
                any |= RayIntersections.frustumSide(ox, oy, oz, dx, dy, dz, CUP_WALL, inner, h, inner, hit);
                any |= RayIntersections.disc(ox, oy, oz, dx, dy, dz, CUP_WALL, 0, inner, hit);
                any |= RayIntersections.disc(ox, oy, oz, dx, dy, dz, h, inner, r, hit);
                any |= RayIntersections.clippedTorus(ox, oy, oz, dx, dy, dz, cx, cz, big, HANDLE_TUBE, clip, hit);
                return any;
            }

            public double[] bounds() {
                return new double[] {-r, -r, 0, r + reach, r, h};
            }
        };
    }
}

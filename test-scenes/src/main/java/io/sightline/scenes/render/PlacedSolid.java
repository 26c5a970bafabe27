package io.sightline.scenes.render;

import io.sightline.calibration.camera.Vec3;
import io.sightline.scenes.world.WorldObject;

/** An object's solid placed in odom (footprint centre, yaw), with its material and bounding sphere. */
final class PlacedSolid {
    final int id;
    final Solid solid;
    final Material material;
    final double x;
    final double y;
    final double cos;
    final double sin;
    /** Bounding sphere in odom. */
    final double bx;
    final double by;
    final double bz;
    final double bRadius2;

    PlacedSolid(WorldObject o) {
        this.id = o.id();
        this.solid = ShapeSolids.of(o.shape(), o.dimensions());
        this.material = Material.of(o.shape(), o.colour());
        this.x = o.x();
        this.y = o.y();
        this.cos = StrictMath.cos(o.yaw());
        this.sin = StrictMath.sin(o.yaw());
        double[] b = solid.bounds();
        double lx = (b[0] + b[3]) / 2;
        double ly = (b[1] + b[4]) / 2;
        double lz = (b[2] + b[5]) / 2;
        this.bx = x + cos * lx - sin * ly;
        this.by = y + sin * lx + cos * ly;
        this.bz = lz;
        double ex = (b[3] - b[0]) / 2;
        double ey = (b[4] - b[1]) / 2;
        double ez = (b[5] - b[2]) / 2;
        this.bRadius2 = (ex * ex + ey * ey + ez * ez) * 1.0001;
    }

    /** The 8 corners of the object's bounds, in odom. */
    Vec3[] corners() {
        double[] b = solid.bounds();
        Vec3[] out = new Vec3[8];
        for (int i = 0; i < 8; i++) {
            double lx = (i & 1) == 0 ? b[0] : b[3];
            double ly = (i & 2) == 0 ? b[1] : b[4];
            double lz = (i & 4) == 0 ? b[2] : b[5];
            out[i] = new Vec3(x + cos * lx - sin * ly, y + sin * lx + cos * ly, lz);
        }
        return out;
    }

    /** True when the ray (unit d) passes through the bounding sphere ahead of the origin, closer than tMax. */
    boolean mayHit(double ox, double oy, double oz, double dx, double dy, double dz, double tMax) {
        double px = ox - bx;
        double py = oy - by;
        double pz = oz - bz;
        double b = px * dx + py * dy + pz * dz;
        double c = px * px + py * py + pz * pz - bRadius2;
        double disc = b * b - c;
        if (disc < 0) {
            return false;
        }
        double sq = Math.sqrt(disc);
        return -b + sq > 0 && -b - sq < tMax;
    }

    /** Intersects an odom ray; on a hit, {@code hit} holds t and the normal in odom. */
    boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
        double rx = ox - x;
        double ry = oy - y;
        double lox = cos * rx + sin * ry;
        double loy = -sin * rx + cos * ry;
        double ldx = cos * dx + sin * dy;
        double ldy = -sin * dx + cos * dy;
        if (!solid.intersect(lox, loy, oz, ldx, ldy, dz, hit)) {
            return false;
        }
        double nx = hit.nx;
        double ny = hit.ny;
        hit.nx = cos * nx - sin * ny;
        hit.ny = sin * nx + cos * ny;
        return true;
    }
}

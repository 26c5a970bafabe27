package io.sightline.scenes.render;

/**
 * Analytic ray / primitive intersections in a primitive's own frame (z up). Each offers its nearest hit
 * to a {@link RayHit}; normals are not normalised (the shader normalises once).
 */
final class RayIntersections {
    private RayIntersections() {
    }

    /** Axis-aligned box (slab method); the normal is that of the face the ray enters through. */
    static boolean box(double ox, double oy, double oz, double dx, double dy, double dz,
                       double x0, double y0, double z0, double x1, double y1, double z1, RayHit hit) {
        double ix = 1 / dx;
        double iy = 1 / dy;
        double iz = 1 / dz;
        double ax = (x0 - ox) * ix;
        double bx = (x1 - ox) * ix;
        double ay = (y0 - oy) * iy;
        double by = (y1 - oy) * iy;
        double az = (z0 - oz) * iz;
        double bz = (z1 - oz) * iz;
        double nearX = Math.min(ax, bx);
        double nearY = Math.min(ay, by);
        double nearZ = Math.min(az, bz);
        double tFar = Math.min(Math.max(ax, bx), Math.min(Math.max(ay, by), Math.max(az, bz)));
        double tNear = Math.max(nearX, Math.max(nearY, nearZ));
        // NaN (a zero direction component with the origin on a slab plane) fails these tests: no hit.
        if (!(tNear <= tFar) || !(tFar >= RayHit.T_MIN)) {
            return false;
        }
        if (tNear == nearX) {
            return hit.offer(tNear, dx > 0 ? -1 : 1, 0, 0);
        }
        if (tNear == nearY) {
            return hit.offer(tNear, 0, dy > 0 ? -1 : 1, 0);
        }
        return hit.offer(tNear, 0, 0, dz > 0 ? -1 : 1);
    }

    /** Sphere of radius r centred at (0, 0, cz). */
    static boolean sphere(double ox, double oy, double oz, double dx, double dy, double dz, double cz, double r,
                          RayHit hit) {
        double pz = oz - cz;
        double a = dx * dx + dy * dy + dz * dz;
        double b = ox * dx + oy * dy + pz * dz;
        double c = ox * ox + oy * oy + pz * pz - r * r;
        double disc = b * b - a * c;
        if (disc < 0) {
            return false;
        }
        double sq = Math.sqrt(disc);
        double t = (-b - sq) / a;
        if (t <= RayHit.T_MIN) {
            t = (-b + sq) / a;
        }
        if (t <= RayHit.T_MIN || t >= hit.t) {
            return false;
        }
        return hit.offer(t, ox + t * dx, oy + t * dy, pz + t * dz);
    }

    /**
     * Side surface of a frustum around the z axis, radius r0 at z0 to r1 at z1 (r1 = 0 is a cone, r0 = r1 a
     * cylinder). Both roots are tried so that the inside of an open cylinder is visible too.
     */
    static boolean frustumSide(double ox, double oy, double oz, double dx, double dy, double dz,
                               double z0, double r0, double z1, double r1, RayHit hit) {
        double k = (r1 - r0) / (z1 - z0);
        double a0 = r0 - k * z0;
        double ro = a0 + k * oz;
        double qa = dx * dx + dy * dy - k * k * dz * dz;
        double qb = 2 * (ox * dx + oy * dy - k * dz * ro);
        double qc = ox * ox + oy * oy - ro * ro;
        double t1;
        double t2;
        if (Math.abs(qa) < 1e-14) {
            if (Math.abs(qb) < 1e-14) {
                return false;
            }
            t1 = -qc / qb;
            t2 = Double.NaN;
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc < 0) {
                return false;
            }
            double sq = Math.sqrt(disc);
            double ta = (-qb - sq) / (2 * qa);
            double tb = (-qb + sq) / (2 * qa);
            t1 = Math.min(ta, tb);
            t2 = Math.max(ta, tb);
        }
        return frustumRoot(t1, ox, oy, oz, dx, dy, dz, z0, z1, a0, k, hit)
            || frustumRoot(t2, ox, oy, oz, dx, dy, dz, z0, z1, a0, k, hit);
    }

    private static boolean frustumRoot(double t, double ox, double oy, double oz, double dx, double dy, double dz,
                                       double z0, double z1, double a0, double k, RayHit hit) {
        if (!(t > RayHit.T_MIN) || t >= hit.t) {
            return false;
        }
        double z = oz + t * dz;
        if (z < z0 || z > z1) {
            return false;
        }
        double r = a0 + k * z;
        if (r < 0) {
            return false;
        }
        return hit.offer(t, ox + t * dx, oy + t * dy, -k * r);
    }

    /** Horizontal annulus at height z between radii rInner and rOuter (rInner = 0 is a disc). */
    static boolean disc(double ox, double oy, double oz, double dx, double dy, double dz,
                        double z, double rInner, double rOuter, RayHit hit) {
        if (Math.abs(dz) < 1e-15) {
            return false;
        }
        double t = (z - oz) / dz;
        if (!(t > RayHit.T_MIN) || t >= hit.t) {
            return false;
        }
        double x = ox + t * dx;
        double y = oy + t * dy;
        double rr = x * x + y * y;
        if (rr > rOuter * rOuter || rr < rInner * rInner) {
            return false;
        }
        return hit.offer(t, 0, 0, dz < 0 ? 1 : -1);
    }

    /**
     * A torus in the x-z plane (a cup handle): centre (cx, 0, cz), major radius big, tube radius small, keeping
     * only the part with x >= xClip. Sphere-traced on the signed distance (bounded by max of torus and
     * half-space), from the entry into its bounding box.
     */
    static boolean clippedTorus(double ox, double oy, double oz, double dx, double dy, double dz,
                                double cx, double cz, double big, double small, double xClip, RayHit hit) {
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double ux = dx / len;
        double uy = dy / len;
        double uz = dz / len;
        double x0 = xClip;
        double x1 = cx + big + small;
        double[] tRange = slab(ox, oy, oz, ux, uy, uz, x0, -small, cz - big - small, x1, small, cz + big + small);
        if (tRange == null) {
            return false;
        }
        double s = Math.max(tRange[0], 0);
        double sEnd = Math.min(tRange[1], hit.t * len);
        for (int i = 0; i < 96 && s <= sEnd; i++) {
            double px = ox + s * ux - cx;
            double py = oy + s * uy;
            double pz = oz + s * uz - cz;
            double rho = Math.sqrt(px * px + pz * pz);
            double qx = rho - big;
            double dTorus = Math.sqrt(qx * qx + py * py) - small;
            double dPlane = xClip - (px + cx);
            double dist = Math.max(dTorus, dPlane);
            if (dist < 2e-6) {
                double t = s / len;
                if (dTorus >= dPlane) {
                    double inv = rho > 1e-12 ? 1 / rho : 0;
                    return hit.offer(t, qx * px * inv, py, qx * pz * inv);
                }
                return hit.offer(t, -1, 0, 0);
            }
            s += dist;
        }
        return false;
    }

    /** Entry and exit parameters of a ray through an axis-aligned box, or null when it misses. */
    static double[] slab(double ox, double oy, double oz, double dx, double dy, double dz,
                         double x0, double y0, double z0, double x1, double y1, double z1) {
        double tNear = Double.NEGATIVE_INFINITY;
        double tFar = Double.POSITIVE_INFINITY;
        double[] o = {ox, oy, oz};
        double[] d = {dx, dy, dz};
        double[] lo = {x0, y0, z0};
        double[] hi = {x1, y1, z1};
        for (int a = 0; a < 3; a++) {
            if (Math.abs(d[a]) < 1e-15) {
                if (o[a] < lo[a] || o[a] > hi[a]) {
                    return null;
                }
                continue;
            }
            double ta = (lo[a] - o[a]) / d[a];
            double tb = (hi[a] - o[a]) / d[a];
            tNear = Math.max(tNear, Math.min(ta, tb));
            tFar = Math.min(tFar, Math.max(ta, tb));
            if (tNear > tFar) {
                return null;
            }
        }
        return tFar < 0 ? null : new double[] {tNear, tFar};
    }
}

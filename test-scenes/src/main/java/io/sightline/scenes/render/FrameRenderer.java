package io.sightline.scenes.render;

import io.sightline.calibration.camera.CameraModel;
import io.sightline.calibration.camera.Pixel;
import io.sightline.calibration.camera.RigidTransform;
import io.sightline.calibration.camera.Vec3;
import io.sightline.scenes.world.Table;
import io.sightline.scenes.world.WorldObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Ray casts one frame of the tabletop world through a {@link CameraModel}: every pixel's precomputed
 * undistorted ray is moved into odom by the robot pose and the extrinsics, intersected analytically with
 * the objects, the table slab, the floor and the wall, and shaded (Lambert + ambient + Blinn-Phong
 * specular, hard shadows from the directional light, gamma 2.2). Rows are rendered in parallel; the
 * result does not depend on the thread count because every pixel is a pure function of its inputs.
 */
public final class FrameRenderer {
    private static final double GAMMA = 1 / 2.2;
    private static final int LUT_SIZE = 4096;
    private static final byte[] GAMMA_LUT = new byte[LUT_SIZE + 1];

    static {
        for (int i = 0; i <= LUT_SIZE; i++) {
            GAMMA_LUT[i] = (byte) Math.round(255 * StrictMath.pow(i / (double) LUT_SIZE, GAMMA));
        }
    }

    private final CameraModel camera;
    private final PixelRays rays;
    /** The last table's surfaces: a sequence keeps one table, and baking its texture per frame would be waste. */
    private RoomSurfaces surfaces;

    public FrameRenderer(CameraModel camera, PixelRays rays) {
        if (rays.width != camera.width() || rays.height != camera.height()) {
            throw new IllegalArgumentException("ray map is " + rays.width + "x" + rays.height + " but camera '"
                + camera.name() + "' is " + camera.width() + "x" + camera.height());
        }
        this.camera = camera;
        this.rays = rays;
    }

    public FrameRenderer(CameraModel camera) {
        this(camera, PixelRays.of(camera));
    }

    public CameraModel camera() {
        return camera;
    }

    /**
     * Renders the given objects (those present in this frame) seen from the robot at {@code robotPose}
     * (odom <- base_link).
     */
    public synchronized RenderedFrame render(RigidTransform robotPose, Table table, List<WorldObject> objects, Lighting lighting) {
        if (surfaces == null || !surfaces.isFor(table)) {
            surfaces = new RoomSurfaces(table);
        }
        Frame f = new Frame(robotPose, table, surfaces, objects, lighting);
        int w = rays.width;
        int h = rays.height;
        byte[] bgr = new byte[w * h * 3];
        int[] ids = new int[w * h];
        IntStream.range(0, h).parallel().forEach(v -> f.renderRow(v, bgr, ids));
        ObjectCoverage[] alone = new ObjectCoverage[f.solids.length];
        IntStream.range(0, f.solids.length).parallel().forEach(i -> alone[i] = f.measureAlone(i));
        return new RenderedFrame(w, h, bgr, ids, visible(ids, w, h, alone));
    }

    /** One pass over the id buffer: each object's visible pixel count and box, merged with its alone count. */
    private static List<ObjectCoverage> visible(int[] ids, int w, int h, ObjectCoverage[] alone) {
        Map<Integer, Integer> slot = new HashMap<>();
        for (int i = 0; i < alone.length; i++) {
            slot.put(alone[i].id(), i);
        }
        int n = alone.length;
        int[] count = new int[n];
        int[] x0 = new int[n];
        int[] y0 = new int[n];
        int[] x1 = new int[n];
        int[] y1 = new int[n];
        Arrays.fill(x0, Integer.MAX_VALUE);
        Arrays.fill(y0, Integer.MAX_VALUE);
        Arrays.fill(x1, -1);
        Arrays.fill(y1, -1);
        int lastId = 0;
        int last = -1;
        for (int v = 0; v < h; v++) {
            int row = v * w;
            for (int u = 0; u < w; u++) {
                int id = ids[row + u];
                if (id == 0) {
                    continue;
                }
                if (id != lastId) {
                    lastId = id;
                    last = slot.get(id);
                }
                count[last]++;
                x0[last] = Math.min(x0[last], u);
                x1[last] = Math.max(x1[last], u);
                y0[last] = Math.min(y0[last], v);
                y1[last] = Math.max(y1[last], v);
            }
        }
        List<ObjectCoverage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectCoverage a = alone[i];
            out.add(count[i] == 0
                ? new ObjectCoverage(a.id(), 0, a.fullPixels(), -1, -1, -1, -1, a.truncated())
                : new ObjectCoverage(a.id(), count[i], a.fullPixels(), x0[i], y0[i], x1[i] + 1, y1[i] + 1, a.truncated()));
        }
        return out;
    }

    /** Everything fixed for one frame. */
    private final class Frame {
        final PlacedSolid[] solids;
        final Table table;
        final RoomSurfaces surfaces;
        final RigidTransform robotPose;
        final double[] m;
        final double ox;
        final double oy;
        final double oz;
        final double lx;
        final double ly;
        final double lz;
        final double intensity;
        final double ambient;

        Frame(RigidTransform robotPose, Table table, RoomSurfaces surfaces, List<WorldObject> objects, Lighting lighting) {
            this.robotPose = robotPose;
            this.table = table;
            this.surfaces = surfaces;
            this.solids = objects.stream().map(PlacedSolid::new).toArray(PlacedSolid[]::new);
            RigidTransform cameraInOdom = robotPose.compose(camera.cameraToBase());
            this.m = cameraInOdom.rotationMatrix();
            Vec3 o = cameraInOdom.translation();
            this.ox = o.x();
            this.oy = o.y();
            this.oz = o.z();
            this.lx = lighting.towardLight().x();
            this.ly = lighting.towardLight().y();
            this.lz = lighting.towardLight().z();
            this.intensity = lighting.intensity();
            this.ambient = lighting.ambient();
        }

        void renderRow(int v, byte[] bgr, int[] ids) {
            RayHit hit = new RayHit();
            RayHit shadow = new RayHit();
            double[] albedo = new double[3];
            double[] d = new double[3];
            int w = rays.width;
            double cx = (w - 1) / 2.0;
            double cy = (rays.height - 1) / 2.0;
            double norm = 1 / (cx * cx + cy * cy);
            for (int u = 0; u < w; u++) {
                toOdom(rays.index(u, v), d);
                double dx = d[0];
                double dy = d[1];
                double dz = d[2];
                hit.reset(Double.POSITIVE_INFINITY);
                int surface = trace(dx, dy, dz, hit);
                int out = v * w + u;
                ids[out] = surface >= 0 ? solids[surface].id : 0;
                double[] rgb = shade(surface, dx, dy, dz, hit, shadow, albedo);
                double du = u - cx;
                double dv = v - cy;
                double vignette = 1 - 0.22 * (du * du + dv * dv) * norm;
                bgr[3 * out] = encode(rgb[2] * vignette);
                bgr[3 * out + 1] = encode(rgb[1] * vignette);
                bgr[3 * out + 2] = encode(rgb[0] * vignette);
            }
        }

        /** The ray of padded-grid pixel {@code ri} rotated into odom; false when the pixel has no ray. */
        boolean toOdom(int ri, double[] d) {
            double rx = rays.x[ri];
            double ry = rays.y[ri];
            double rz = rays.z[ri];
            d[0] = m[0] * rx + m[1] * ry + m[2] * rz;
            d[1] = m[3] * rx + m[4] * ry + m[5] * rz;
            d[2] = m[6] * rx + m[7] * ry + m[8] * rz;
            return !Double.isNaN(rx);
        }

        /** Surface codes: >= 0 object index, -1 table top, -2 table edge, -3 floor, -4 wall, -5 nothing. */
        int trace(double dx, double dy, double dz, RayHit hit) {
            int surface = -5;
            for (int i = 0; i < solids.length; i++) {
                PlacedSolid s = solids[i];
                if (s.mayHit(ox, oy, oz, dx, dy, dz, hit.t) && s.intersect(ox, oy, oz, dx, dy, dz, hit)) {
                    surface = i;
                }
            }
            if (RayIntersections.box(ox, oy, oz, dx, dy, dz, table.xMin(), table.yMin(), Table.TOP_Z - table.thickness(),
                table.xMax(), table.yMax(), Table.TOP_Z, hit)) {
                surface = hit.nz > 0.5 ? -1 : -2;
            }
            if (dz < 0 && hit.offer((table.floorZ() - oz) / dz, 0, 0, 1)) {
                surface = -3;
            }
            if (dx > 0 && hit.offer((table.wallX() - ox) / dx, -1, 0, 0)) {
                surface = -4;
            }
            return surface;
        }

        double[] shade(int surface, double dx, double dy, double dz, RayHit hit, RayHit shadow, double[] albedo) {
            if (surface == -5) {
                albedo[0] = albedo[1] = albedo[2] = 0.02;
                return albedo;
            }
            double t = hit.t;
            double px = ox + t * dx;
            double py = oy + t * dy;
            double pz = oz + t * dz;
            double nl = Math.sqrt(hit.nx * hit.nx + hit.ny * hit.ny + hit.nz * hit.nz);
            double nx = hit.nx / nl;
            double ny = hit.ny / nl;
            double nz = hit.nz / nl;
            if (nx * dx + ny * dy + nz * dz > 0) {
                nx = -nx;
                ny = -ny;
                nz = -nz;
            }
            double specular = 0;
            double shininess = 1;
            switch (surface) {
                case -1 -> surfaces.tableTop(px, py, albedo);
                case -2 -> surfaces.tableEdge(albedo);
                case -3 -> surfaces.floor(px, py, albedo);
                case -4 -> surfaces.wall(py, pz, albedo);
                default -> {
                    Material mat = solids[surface].material;
                    albedo[0] = mat.r();
                    albedo[1] = mat.g();
                    albedo[2] = mat.b();
                    specular = mat.specular();
                    shininess = mat.shininess();
                }
            }
            double ndl = nx * lx + ny * ly + nz * lz;
            double lit = 0;
            if (ndl > 0 && !inShadow(px + nx * 1e-5, py + ny * 1e-5, pz + nz * 1e-5, shadow)) {
                lit = intensity;
            }
            // Hemispherical ambient: surfaces facing up see more of the room's light.
            double amb = ambient * (0.75 + 0.25 * nz);
            double diffuse = amb + lit * Math.max(0, ndl);
            double spec = 0;
            if (lit > 0 && specular > 0) {
                double hx = lx - dx;
                double hy = ly - dy;
                double hz = lz - dz;
                double hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
                double ndh = (nx * hx + ny * hy + nz * hz) / hn;
                if (ndh > 0) {
                    spec = lit * specular * StrictMath.pow(ndh, shininess);
                }
            }
            albedo[0] = albedo[0] * diffuse + spec;
            albedo[1] = albedo[1] * diffuse + spec;
            albedo[2] = albedo[2] * diffuse + spec;
            return albedo;
        }

        boolean inShadow(double px, double py, double pz, RayHit shadow) {
            for (PlacedSolid s : solids) {
                shadow.reset(Double.POSITIVE_INFINITY);
                if (s.mayHit(px, py, pz, lx, ly, lz, Double.POSITIVE_INFINITY) && s.intersect(px, py, pz, lx, ly, lz, shadow)) {
                    return true;
                }
            }
            if (pz < Table.TOP_Z - 1e-4) {
                shadow.reset(Double.POSITIVE_INFINITY);
                return RayIntersections.box(px, py, pz, lx, ly, lz, table.xMin(), table.yMin(),
                    Table.TOP_Z - table.thickness(), table.xMax(), table.yMax(), Table.TOP_Z, shadow);
            }
            return false;
        }

        /**
         * Counts the pixels (image plus margin) where object {@code i} would be seen with nothing else in the
         * world, within the projection of its bounds; falls back to the whole padded grid when the projection
         * is unavailable (a corner behind the camera) or turns out too tight.
         */
        ObjectCoverage measureAlone(int i) {
            PlacedSolid s = solids[i];
            int[] rect = projectedRect(s);
            ObjectCoverage c = null;
            if (rect != null) {
                c = countAlone(s, rect, true);
            }
            if (c == null) {
                c = countAlone(s, new int[] {-rays.padX, -rays.padY, rays.width + rays.padX, rays.height + rays.padY},
                    false);
            }
            return c;
        }

        private int[] projectedRect(PlacedSolid s) {
            RigidTransform odomToBase = robotPose.inverse();
            double u0 = Double.POSITIVE_INFINITY;
            double v0 = Double.POSITIVE_INFINITY;
            double u1 = Double.NEGATIVE_INFINITY;
            double v1 = Double.NEGATIVE_INFINITY;
            for (Vec3 corner : s.corners()) {
                Optional<Pixel> p = camera.project(odomToBase.apply(corner));
                if (p.isEmpty()) {
                    return null;
                }
                u0 = Math.min(u0, p.get().u());
                v0 = Math.min(v0, p.get().v());
                u1 = Math.max(u1, p.get().u());
                v1 = Math.max(v1, p.get().v());
            }
            double mu = 4 + 0.1 * (u1 - u0);
            double mv = 4 + 0.1 * (v1 - v0);
            int x0 = (int) Math.max(-rays.padX, Math.floor(u0 - mu));
            int y0 = (int) Math.max(-rays.padY, Math.floor(v0 - mv));
            int x1 = (int) Math.min(rays.width + rays.padX, Math.ceil(u1 + mu) + 1);
            int y1 = (int) Math.min(rays.height + rays.padY, Math.ceil(v1 + mv) + 1);
            if (x1 <= x0 || y1 <= y0) {
                return new int[] {0, 0, 0, 0};
            }
            return new int[] {x0, y0, x1, y1};
        }

        /** Null when {@code strict} and a hit touches an inner edge of the rectangle (the rectangle was too small). */
        private ObjectCoverage countAlone(PlacedSolid s, int[] rect, boolean strict) {
            RayHit hit = new RayHit();
            double[] d = new double[3];
            int count = 0;
            boolean truncated = false;
            int minU = -rays.padX;
            int minV = -rays.padY;
            int maxU = rays.width + rays.padX - 1;
            int maxV = rays.height + rays.padY - 1;
            for (int v = rect[1]; v < rect[3]; v++) {
                for (int u = rect[0]; u < rect[2]; u++) {
                    if (!toOdom(rays.index(u, v), d)) {
                        continue;
                    }
                    double dx = d[0];
                    double dy = d[1];
                    double dz = d[2];
                    hit.reset(Double.POSITIVE_INFINITY);
                    if (!s.mayHit(ox, oy, oz, dx, dy, dz, hit.t) || !s.intersect(ox, oy, oz, dx, dy, dz, hit)) {
                        continue;
                    }
                    count++;
                    boolean onRectEdge = (u == rect[0] && u > minU) || (u == rect[2] - 1 && u < maxU)
                        || (v == rect[1] && v > minV) || (v == rect[3] - 1 && v < maxV);
                    if (strict && onRectEdge) {
                        return null;
                    }
                    if (u < 0 || v < 0 || u >= rays.width || v >= rays.height || u == minU || u == maxU || v == minV
                        || v == maxV) {
                        truncated = true;
                    }
                }
            }
            return new ObjectCoverage(s.id, 0, count, -1, -1, -1, -1, truncated);
        }
    }

    private static byte encode(double linear) {
        if (!(linear > 0)) {
            return 0;
        }
        if (linear >= 1) {
            return (byte) 255;
        }
        return GAMMA_LUT[(int) (linear * LUT_SIZE + 0.5)];
    }
}

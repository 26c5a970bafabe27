package io.sightline.scenes.render;

import io.sightline.scenes.world.Table;
import java.util.stream.IntStream;

/**
 * Procedural albedo (linear RGB) of the table top (wooden planks with grain), the table's edge, the tiled
 * floor and the wall, as functions of odom coordinates so that texture stays put while the robot moves.
 */
final class RoomSurfaces {
    private static final double PLANK_WIDTH = 0.14;
    private static final double TILE = 0.40;
    /** Texel size of the baked table-top texture (metres): finer than a pixel's footprint on the table. */
    private static final double TEXEL = 0.0015;
    private final Table table;
    private final ValueNoise grain;
    private final ValueNoise blotch;
    private final double[] wood;
    private final double[] floor;
    private final double[] wall;
    private final int texWidth;
    private final int texHeight;
    private final float[] woodShade;

    RoomSurfaces(Table table) {
        this.table = table;
        this.grain = new ValueNoise(table.woodSeed());
        this.blotch = new ValueNoise(table.woodSeed() ^ 0x5deece66dL);
        long tint = PixelHash.mix(table.woodSeed());
        // Wood between light oak and walnut, a grey floor and an off-white wall: the tint varies per scene.
        double shade = 0.75 + 0.4 * PixelHash.unit(tint);
        this.wood = linear(168 * shade, 118 * shade, 72 * shade);
        this.floor = linear(105, 108, 112);
        this.wall = linear(206, 200, 188);
        // The wood pattern is baked once per table: evaluating the noise per pixel and frame costs more than
        // the rest of the shading.
        this.texWidth = (int) Math.ceil((table.xMax() - table.xMin()) / TEXEL) + 2;
        this.texHeight = (int) Math.ceil((table.yMax() - table.yMin()) / TEXEL) + 2;
        this.woodShade = new float[texWidth * texHeight];
        IntStream.range(0, texHeight).parallel().forEach(j -> {
            for (int i = 0; i < texWidth; i++) {
                woodShade[j * texWidth + i] = (float) woodPattern(table.xMin() + i * TEXEL, table.yMin() + j * TEXEL);
            }
        });
    }

    private static double[] linear(double r, double g, double b) {
        return new double[] {StrictMath.pow(r / 255, 2.2), StrictMath.pow(g / 255, 2.2), StrictMath.pow(b / 255, 2.2)};
    }

    boolean isFor(Table other) {
        return table.equals(other);
    }

    void tableTop(double x, double y, double[] out) {
        double fi = Math.max(0, Math.min(texWidth - 1.001, (x - table.xMin()) / TEXEL));
        double fj = Math.max(0, Math.min(texHeight - 1.001, (y - table.yMin()) / TEXEL));
        int i = (int) fi;
        int j = (int) fj;
        double ti = fi - i;
        double tj = fj - j;
        int at = j * texWidth + i;
        double top = woodShade[at] + (woodShade[at + 1] - woodShade[at]) * ti;
        double bottom = woodShade[at + texWidth] + (woodShade[at + texWidth + 1] - woodShade[at + texWidth]) * ti;
        double k = top + (bottom - top) * tj;
        out[0] = wood[0] * k;
        out[1] = wood[1] * k;
        out[2] = wood[2] * k;
    }

    /** Brightness factor of the wood at (x, y): planks along x with grain, a tint per plank, dark seams. */
    private double woodPattern(double x, double y) {
        double fromEdge = y - table.yMin();
        double plank = Math.floor(fromEdge / PLANK_WIDTH);
        double inPlank = fromEdge - plank * PLANK_WIDTH;
        double plankTint = PixelHash.unit(PixelHash.of(table.woodSeed(), (long) plank, 7)) - 0.5;
        double wobble = 2.5 * grain.fractal(x * 2.2 + plank * 13.7, y * 9.0);
        double rings = 0.5 + 0.5 * StrictMath.sin(2 * Math.PI * (y * 70 + wobble + plank * 0.37));
        double fine = grain.at(x * 40 + plank * 3.1, y * 250);
        double k = 0.80 + 0.13 * rings + 0.10 * fine + 0.16 * plankTint + 0.08 * (blotch.at(x * 3, y * 3) - 0.5);
        if (inPlank < 0.0015 || inPlank > PLANK_WIDTH - 0.0015) {
            k *= 0.45;
        }
        return k;
    }

    void tableEdge(double[] out) {
        out[0] = wood[0] * 0.6;
        out[1] = wood[1] * 0.6;
        out[2] = wood[2] * 0.6;
    }

    void floor(double x, double y, double[] out) {
        double tx = x / TILE;
        double ty = y / TILE;
        double fx = tx - Math.floor(tx);
        double fy = ty - Math.floor(ty);
        double k = ((long) Math.floor(tx) + (long) Math.floor(ty)) % 2 == 0 ? 1.0 : 0.85;
        k *= 0.9 + 0.2 * blotch.fractal(x * 6, y * 6);
        if (fx < 0.01 || fy < 0.01) {
            k *= 0.5;
        }
        out[0] = floor[0] * k;
        out[1] = floor[1] * k;
        out[2] = floor[2] * k;
    }

    void wall(double y, double z, double[] out) {
        double k = 0.93 + 0.12 * blotch.fractal(y * 1.5 + 40, z * 1.5);
        out[0] = wall[0] * k;
        out[1] = wall[1] * k;
        out[2] = wall[2] * k;
    }
}

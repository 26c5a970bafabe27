package io.sightline.scenes.world;

/**
 * The table: a slab whose top is the plane z = 0 of odom (and of base_link, whose origin the robot keeps
 * in the table-top plane), spanning [xMin, xMax] x [yMin, yMax] in odom.
 *
 * @param thickness slab thickness below the top (metres)
 * @param floorZ    the floor under the table, odom z (negative)
 * @param wallX     the wall behind the table, odom x
 * @param woodSeed  seed of the procedural wood texture
 */
public record Table(double xMin, double xMax, double yMin, double yMax, double thickness, double floorZ,
                    double wallX, long woodSeed) {
    public static final double TOP_Z = 0.0;

    public Table {
        if (!(xMax > xMin) || !(yMax > yMin) || !(thickness > 0) || !(floorZ < -thickness) || !(wallX > xMax)) {
            throw new IllegalArgumentException("inconsistent table: x " + xMin + ".." + xMax + " y " + yMin + ".." + yMax
                + " thickness " + thickness + " floor " + floorZ + " wall " + wallX);
        }
    }
}

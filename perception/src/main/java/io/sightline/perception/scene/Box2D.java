package io.sightline.perception.scene;

/** Axis-aligned box in pixels: x to the right, y down, [xMin, xMax) x [yMin, yMax). */
public record Box2D(double xMin, double yMin, double xMax, double yMax) {
    public Box2D {
        if (!(xMax >= xMin) || !(yMax >= yMin)) {
            throw new IllegalArgumentException("box corners out of order: " + xMin + "," + yMin + " " + xMax + "," + yMax);
        }
    }

    public double width() { return xMax - xMin; }
    public double height() { return yMax - yMin; }
    public double area() { return width() * height(); }
    public double centerX() { return (xMin + xMax) / 2; }
    public double centerY() { return (yMin + yMax) / 2; }

    public double iou(Box2D o) {
        double iw = Math.min(xMax, o.xMax) - Math.max(xMin, o.xMin);
        double ih = Math.min(yMax, o.yMax) - Math.max(yMin, o.yMin);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }
}

package io.sightline.scenes.render;

import io.sightline.scenes.world.Colour;
import io.sightline.scenes.world.Shape;

/**
 * Surface reflectance for the Blinn-Phong shader.
 *
 * @param r         diffuse albedo, linear red
 * @param g         diffuse albedo, linear green
 * @param b         diffuse albedo, linear blue
 * @param specular  specular weight (0 matte .. ~0.6 glossy)
 * @param shininess Blinn-Phong exponent
 */
record Material(double r, double g, double b, double specular, double shininess) {
    static Material of(Shape shape, Colour colour) {
        double[] a = colour.linearRgb();
        return switch (shape) {
            case BALL -> new Material(a[0], a[1], a[2], 0.45, 60);
            case CAN -> new Material(a[0], a[1], a[2], 0.6, 90);
            case BOTTLE -> new Material(a[0], a[1], a[2], 0.5, 120);
            case CUP -> new Material(a[0], a[1], a[2], 0.35, 40);
            case CUBE -> new Material(a[0], a[1], a[2], 0.12, 12);
            case CONE -> new Material(a[0], a[1], a[2], 0.08, 8);
        };
    }
}

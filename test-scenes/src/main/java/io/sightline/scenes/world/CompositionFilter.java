package io.sightline.scenes.world;

/** Which colour x shape compositions a world may contain (a split holds some out of train). */
@FunctionalInterface
public interface CompositionFilter {
    CompositionFilter ANY = (shape, colour) -> true;

    boolean allows(Shape shape, Colour colour);
}

package io.sightline.scenes.expressions;

import io.sightline.perception.scene.ObjectAnnotation;
import java.util.List;

/**
 * What an expression says about one object's appearance: colour and shape, shape only, or colour only.
 *
 * @param colour the colour word, or null when the description does not name one
 * @param shape  the shape word, or null when the description does not name one ("the red one")
 */
public record Description(String colour, String shape) {
    public Description {
        if (colour == null && shape == null) {
            throw new IllegalArgumentException("a description names a colour, a shape or both; got neither");
        }
    }

    /** The three descriptions of an object, most specific first. */
    public static List<Description> of(ObjectAnnotation o) {
        return List.of(new Description(o.colour(), o.shape()), new Description(null, o.shape()),
                new Description(o.colour(), null));
    }

    public boolean matches(ObjectAnnotation o) {
        return (colour == null || colour.equals(o.colour())) && (shape == null || shape.equals(o.shape()));
    }

    /** Names both colour and shape, so its composition may be held out. */
    public boolean namesComposition() {
        return colour != null && shape != null;
    }

    /** The noun phrase without article: "red cup", "cup", "red one". */
    public String words() {
        if (shape == null) {
            return colour + " one";
        }
        return colour == null ? shape : colour + " " + shape;
    }

    /** "the red cup". */
    public String definite() {
        return "the " + words();
    }

    /** "a red cup", "an orange ball"; a colour-only description reads "an orange object". */
    public String indefinite() {
        String w = shape == null ? colour + " object" : words();
        return Vocabulary.indefiniteArticle(w) + " " + w;
    }
}

package io.sightline.scenes.expressions;

import io.sightline.perception.scene.ObjectAnnotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * A resolver for referring expressions written apart from the generator: its own word lists, its own grammar
 * and its own reading of the relations (the definitions of ARCHITECTURE.md section 6, restated here with their
 * numbers), so that a bug in the generator's logic is not repeated here.
 *
 * <pre>
 * expression := "the" [("leftmost" | "rightmost")] np [tail]
 * np         := [colour] (shape | "one")
 * tail       := ("nearest" | "closest") "to the robot" | ("farthest" | "furthest") "from the robot"
 *             | relation-words "the" np
 * </pre>
 */
final class IndependentResolver {
    private static final Set<String> COLOURS = Set.of("red", "green", "blue", "yellow", "orange", "purple");
    private static final Set<String> SHAPES = Set.of("cube", "cup", "ball", "bottle", "can", "cone");

    enum Rel { LEFT, RIGHT, FRONT, BACK, NEAR }

    /** Relation wordings and what they mean; longest first so that prefixes do not win. */
    private static final Map<String, Rel> RELATION_WORDS = new LinkedHashMap<>();

    static {
        RELATION_WORDS.put("on the near side of", Rel.FRONT);
        RELATION_WORDS.put("on the far side of", Rel.BACK);
        RELATION_WORDS.put("to the right of", Rel.RIGHT);
        RELATION_WORDS.put("to the left of", Rel.LEFT);
        RELATION_WORDS.put("at the back of", Rel.BACK);
        RELATION_WORDS.put("in front of", Rel.FRONT);
        RELATION_WORDS.put("right of", Rel.RIGHT);
        RELATION_WORDS.put("left of", Rel.LEFT);
        RELATION_WORDS.put("next to", Rel.NEAR);
        RELATION_WORDS.put("close to", Rel.NEAR);
        RELATION_WORDS.put("behind", Rel.BACK);
        RELATION_WORDS.put("near", Rel.NEAR);
    }

    /** A noun phrase: colour and/or shape (null when not said). */
    record Np(String colour, String shape) {
        boolean fits(ObjectAnnotation o) {
            return (colour == null || colour.equals(o.colour())) && (shape == null || shape.equals(o.shape()));
        }
    }

    /** What the text said: the head, and either a superlative word, a relation with an anchor, or neither. */
    record Parse(Np head, String superlative, String relationWords, Np anchor) {
        boolean relational() {
            return relationWords != null;
        }

        boolean isSuperlative() {
            return superlative != null;
        }
    }

    record Resolution(Parse parse, Set<Integer> targets, Set<Integer> anchors) {
    }

    Parse parse(String text) {
        List<String> w = new ArrayList<>(Arrays.asList(text.trim().split(" ")));
        expect(w, "the", text);
        String superlative = null;
        if (!w.isEmpty() && (w.get(0).equals("leftmost") || w.get(0).equals("rightmost"))) {
            superlative = w.remove(0);
        }
        Np head = np(w, text);
        if (w.isEmpty()) {
            return new Parse(head, superlative, null, null);
        }
        if (superlative != null) {
            throw new IllegalArgumentException("words after a leftmost/rightmost phrase: " + text);
        }
        String rest = String.join(" ", w);
        for (String s : List.of("nearest to the robot", "closest to the robot", "farthest from the robot",
                "furthest from the robot")) {
            if (rest.equals(s)) {
                return new Parse(head, s, null, null);
            }
        }
        for (String words : RELATION_WORDS.keySet()) {
            if (rest.startsWith(words + " the ")) {
                List<String> tail = new ArrayList<>(Arrays.asList(rest.substring(words.length() + 1).split(" ")));
                expect(tail, "the", text);
                Np anchor = np(tail, text);
                if (!tail.isEmpty()) {
                    throw new IllegalArgumentException("trailing words " + tail + " in: " + text);
                }
                return new Parse(head, null, words, anchor);
            }
        }
        throw new IllegalArgumentException("cannot parse '" + rest + "' in: " + text);
    }

    /** The ids of the objects in view (visibility above 0) that the text picks out. */
    Resolution resolve(String text, List<ObjectAnnotation> objects) {
        Parse p = parse(text);
        List<ObjectAnnotation> inView = objects.stream().filter(o -> o.visibility() > 0).toList();
        List<ObjectAnnotation> heads = inView.stream().filter(o -> p.head().fits(o)).toList();
        if (p.relational()) {
            List<ObjectAnnotation> anchors = inView.stream().filter(o -> p.anchor().fits(o)).toList();
            Set<Integer> anchorIds = ids(anchors);
            if (anchors.size() != 1) {
                return new Resolution(p, Set.of(), anchorIds);
            }
            ObjectAnnotation b = anchors.get(0);
            Rel rel = RELATION_WORDS.get(p.relationWords());
            List<ObjectAnnotation> hits = heads.stream().filter(a -> a != b && related(rel, a, b)).toList();
            return new Resolution(p, ids(hits), anchorIds);
        }
        if (p.isSuperlative()) {
            return new Resolution(p, ids(argMax(heads, score(p.superlative()))), Set.of());
        }
        return new Resolution(p, ids(heads), Set.of());
    }

    /** ARCHITECTURE.md section 6, base_link (x forward, y left): 5 cm for directions, 15 cm between centres for near. */
    static boolean related(Rel rel, ObjectAnnotation a, ObjectAnnotation b) {
        double ax = a.position().x();
        double ay = a.position().y();
        double bx = b.position().x();
        double by = b.position().y();
        return switch (rel) {
            case LEFT -> ay > by + 0.05;
            case RIGHT -> ay < by - 0.05;
            case FRONT -> ax < bx - 0.05;
            case BACK -> ax > bx + 0.05;
            case NEAR -> (ax - bx) * (ax - bx) + (ay - by) * (ay - by) < 0.15 * 0.15;
        };
    }

    private static ToDoubleFunction<ObjectAnnotation> score(String superlative) {
        return switch (superlative) {
            case "leftmost" -> o -> o.position().y();
            case "rightmost" -> o -> -o.position().y();
            case "nearest to the robot", "closest to the robot" -> o -> -distanceFromRobot(o);
            case "farthest from the robot", "furthest from the robot" -> IndependentResolver::distanceFromRobot;
            default -> throw new IllegalArgumentException(superlative);
        };
    }

    private static double distanceFromRobot(ObjectAnnotation o) {
        return Math.sqrt(o.position().x() * o.position().x() + o.position().y() * o.position().y());
    }

    private static List<ObjectAnnotation> argMax(List<ObjectAnnotation> os, ToDoubleFunction<ObjectAnnotation> f) {
        double best = os.stream().mapToDouble(f).max().orElse(Double.NaN);
        return os.stream().filter(o -> f.applyAsDouble(o) == best).toList();
    }

    private static Np np(List<String> w, String text) {
        String colour = null;
        if (!w.isEmpty() && COLOURS.contains(w.get(0))) {
            colour = w.remove(0);
        }
        if (w.isEmpty()) {
            throw new IllegalArgumentException("missing shape or 'one' in: " + text);
        }
        String noun = w.remove(0);
        if (noun.equals("one") && colour != null) {
            return new Np(colour, null);
        }
        if (!SHAPES.contains(noun)) {
            throw new IllegalArgumentException("'" + noun + "' is not a shape in: " + text);
        }
        return new Np(colour, noun);
    }

    private static void expect(List<String> w, String word, String text) {
        if (w.isEmpty() || !w.remove(0).equals(word)) {
            throw new IllegalArgumentException("expected '" + word + "' in: " + text);
        }
    }

    private static Set<Integer> ids(List<ObjectAnnotation> os) {
        Set<Integer> ids = new TreeSet<>();
        os.forEach(o -> ids.add(o.id()));
        return ids;
    }
}

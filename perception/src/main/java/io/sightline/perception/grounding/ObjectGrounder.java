package io.sightline.perception.grounding;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.relations.Predicate;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Grounds a referring expression on tracked objects without a language decoder: the {@link ExpressionParser}'s
 * {@link ObjectPhrase} checked against each visible object's class, its measured {@link ColourProfile}, and its
 * base_link position through the {@link RelationExtractor}'s rules and margins (left of / right of / in front of /
 * behind / near, and "between" as left of one anchor and right of the other), then ordinals and superlatives
 * (leftmost by y, nearest by planar distance from the robot, biggest by box area). One object left: OK; none:
 * NO_MATCH; several: AMBIGUOUS; an expression it cannot read: ERROR with the reason.
 */
public final class ObjectGrounder {
    private final ExpressionParser parser;
    private final RelationExtractor relations;
    private final ObjectGroundingConfig config;

    public ObjectGrounder(ObjectVocabulary vocabulary, RelationExtractor relations, ObjectGroundingConfig config) {
        this.parser = new ExpressionParser(vocabulary);
        this.relations = Objects.requireNonNull(relations, "relations");
        this.config = Objects.requireNonNull(config, "config");
    }

    public ObjectGroundingConfig config() {
        return config;
    }

    /**
     * @param visible the objects a request may pick
     * @param colours each object's colour profile by track id; an object without one satisfies no colour word
     */
    public GroundingOutcome ground(String expression, List<TrackedObject> visible, Map<Integer, ColourProfile> colours) {
        ObjectPhrase phrase;
        try {
            phrase = parser.parse(expression);
        } catch (ExpressionParser.UnreadableExpression e) {
            if (e.readSoFar().isPresent() && !e.readSoFar().get().plural()) {
                StringBuilder why = new StringBuilder();
                if (resolve(e.readSoFar().get(), Set.of(), visible, visible, colours, why).isEmpty()) {
                    // what was read already rules out every object: no reading of the rest can bring one back
                    return new GroundingOutcome(GroundingStatus.NO_MATCH, Optional.empty(), 0, List.of(), List.of(),
                        "no tracked object fits what was read: " + why + " (the rest was not read: " + e.getMessage() + ")");
                }
            }
            return new GroundingOutcome(GroundingStatus.ERROR, Optional.empty(), 0, List.of(), List.of(),
                "cannot read the expression: " + e.getMessage());
        }
        if (phrase.plural()) {
            return new GroundingOutcome(GroundingStatus.ERROR, Optional.empty(), 0, List.of(), List.of(),
                "the expression asks for several objects; grounding answers one");
        }
        StringBuilder why = new StringBuilder();
        List<TrackedObject> found = resolve(phrase, Set.of(), visible, visible, colours, why);
        if (found.size() == 1) {
            TrackedObject t = found.get(0);
            List<SpatialRelation> rel = relations.extract(visible);
            return new GroundingOutcome(GroundingStatus.OK, Optional.of(t), 1, found,
                EvidenceRanking.rank(expression, t, rel, visible), "track " + t.trackId() + " (" + t.label() + "): " + why);
        }
        if (found.isEmpty()) {
            return new GroundingOutcome(GroundingStatus.NO_MATCH, Optional.empty(), 0, List.of(), List.of(),
                "no tracked object fits: " + why);
        }
        return new GroundingOutcome(GroundingStatus.AMBIGUOUS, Optional.empty(), 0, found, List.of(),
            found.size() + " tracked objects fit (" + ids(found) + "): " + why);
    }

    /**
     * Every object a phrase can mean, one or many ("people", "a red cup", "the cups left of the laptop"): for the
     * questions and phrase lists that count or list objects rather than pick one.
     *
     * @param objects the objects that fit, empty when the phrase cannot be read
     * @param reason  what decided it ("3 person, 2 red"), or why the phrase cannot be read
     */
    public record Selection(Optional<List<TrackedObject>> objects, String reason) {
        public boolean readable() {
            return objects.isPresent();
        }
    }

    /** The objects of {@code visible} that {@code phrase} can mean, or why it cannot be read. */
    public Selection select(String phrase, List<TrackedObject> visible, Map<Integer, ColourProfile> colours) {
        ObjectPhrase p;
        try {
            p = parser.parse(phrase);
        } catch (ExpressionParser.UnreadableExpression e) {
            return new Selection(Optional.empty(), "cannot read '" + phrase + "': " + e.getMessage());
        }
        StringBuilder why = new StringBuilder();
        List<TrackedObject> found = resolve(p, Set.of(), visible, visible, colours, why);
        return new Selection(Optional.of(found), why.toString());
    }

    /** The relations among {@code visible} that involve {@code target} (its neighbours), as the grounder's extractor sees them. */
    public List<SpatialRelation> relationsOf(TrackedObject target, List<TrackedObject> visible) {
        return relations.extract(visible).stream()
            .filter(r -> r.subjectId() == target.trackId() || r.objectId() == target.trackId()).toList();
    }

    /** The objects of {@code pool} the phrase can mean, with what decided it appended to {@code why}. */
    private List<TrackedObject> resolve(ObjectPhrase p, Set<String> outerLabels, List<TrackedObject> pool,
                                        List<TrackedObject> visible, Map<Integer, ColourProfile> colours, StringBuilder why) {
        Set<String> labels = p.sameAsOuter() ? outerLabels : p.labels();
        List<TrackedObject> c = pool.stream().filter(t -> labels.isEmpty() || labels.contains(t.label().toLowerCase(Locale.ROOT))
            || labels.contains(t.shape().toLowerCase(Locale.ROOT))).toList();
        String name = labels.isEmpty() ? "object" : String.join("/", labels.stream().sorted().toList());
        step(why, c.size() + " " + name);
        if (!p.colours().isEmpty() && !c.isEmpty()) {
            c = byColour(p, c, colours);
            step(why, c.size() + " " + colourWords(p));
        }
        for (ObjectPhrase.Relation r : p.relations()) {
            if (c.isEmpty()) {
                break;
            }
            c = byRelation(r, labels, c, visible, colours, why);
        }
        if (!p.orders().isEmpty() && !c.isEmpty()) {
            List<TrackedObject> among = c;
            for (ObjectPhrase.Order o : p.orders()) {
                List<TrackedObject> chosen = byOrder(o, among, why);
                c = c.stream().filter(chosen::contains).toList(); // each ordering over the same objects; all must agree
            }
            if (p.orders().size() > 1) {
                step(why, c.size() + " in every ordering");
            }
        }
        if (p.count() > 0 && c.size() != p.count()) {
            step(why, "not " + p.count() + " of them");
            return List.of();
        }
        return c;
    }

    private List<TrackedObject> byColour(ObjectPhrase p, List<TrackedObject> c, Map<Integer, ColourProfile> colours) {
        ToDoubleFunction<TrackedObject> score = t -> {
            ColourProfile profile = colours.get(t.trackId());
            return profile == null ? 0 : p.colours().stream().mapToDouble(profile::share).min().orElse(0);
        };
        List<TrackedObject> passing = c.stream().filter(t -> score.applyAsDouble(t) >= config.minColourShare())
            .sorted(Comparator.comparingDouble(score).reversed()).toList();
        if (passing.size() > 1 && score.applyAsDouble(passing.get(0)) >= config.colourDominance() * score.applyAsDouble(passing.get(1))) {
            return List.of(passing.get(0));
        }
        return passing;
    }

    private List<TrackedObject> byRelation(ObjectPhrase.Relation r, Set<String> labels, List<TrackedObject> c,
                                           List<TrackedObject> visible, Map<Integer, ColourProfile> colours, StringBuilder why) {
        List<List<TrackedObject>> anchors = new ArrayList<>();
        for (ObjectPhrase a : r.anchors()) {
            StringBuilder sub = new StringBuilder();
            anchors.add(resolve(a, labels, visible, visible, colours, sub).stream().filter(t -> t.position().isPresent()).toList());
            step(why, "anchor [" + sub + "]");
        }
        if (anchors.stream().anyMatch(List::isEmpty)) {
            step(why, "no located anchor");
            return List.of();
        }
        List<TrackedObject> located = c.stream().filter(t -> t.position().isPresent()).toList();
        List<TrackedObject> out;
        String what;
        if (r.between()) {
            List<TrackedObject> first = anchors.get(0);
            List<TrackedObject> second = anchors.size() > 1 ? anchors.get(1) : first;
            out = located.stream().filter(t -> first.stream().anyMatch(a -> second.stream().anyMatch(b -> a != b && t != a && t != b
                && (between(t, a, b) || between(t, b, a))))).toList();
            what = "between";
        } else {
            Predicate pred = r.predicate().orElseThrow();
            ObjectPhrase anchor = r.anchors().get(0);
            List<TrackedObject> as = anchors.get(0);
            out = located.stream().filter(t -> {
                List<TrackedObject> others = as.stream().filter(a -> a.trackId() != t.trackId()).toList();
                if (others.isEmpty()) {
                    return false;
                }
                if (r.nearest()) {
                    return true; // "nearest the cup": ranked by distance below, however far
                }
                return anchor.plural() ? others.stream().allMatch(a -> holds(pred, t, a))
                    : others.stream().anyMatch(a -> holds(pred, t, a));
            }).toList();
            what = pred.words();
            if (r.nearest() && !out.isEmpty()) {
                ToDoubleFunction<TrackedObject> d = t -> as.stream().filter(a -> a.trackId() != t.trackId())
                    .mapToDouble(a -> RelationExtractor.offset(Predicate.NEAR, pos(t), pos(a))).min().orElse(Double.MAX_VALUE);
                List<TrackedObject> sorted = out.stream().sorted(Comparator.comparingDouble(d)).toList();
                double margin = relations.config().directionMargin();
                out = sorted.stream().filter(t -> d.applyAsDouble(t) - d.applyAsDouble(sorted.get(0)) <= margin).toList();
                what = "nearest";
            }
        }
        step(why, out.size() + " " + what + " it");
        return out;
    }

    private boolean between(TrackedObject t, TrackedObject a, TrackedObject b) {
        return holds(Predicate.LEFT_OF, t, a) && holds(Predicate.RIGHT_OF, t, b);
    }

    private boolean holds(Predicate predicate, TrackedObject t, TrackedObject anchor) {
        return relations.holds(predicate, pos(t), pos(anchor));
    }

    private static Vec3 pos(TrackedObject t) {
        return t.position().orElseThrow();
    }

    private List<TrackedObject> byOrder(ObjectPhrase.Order order, List<TrackedObject> c, StringBuilder why) {
        boolean spatial = order.axis() != ObjectPhrase.Axis.BIG && order.axis() != ObjectPhrase.Axis.SMALL;
        List<TrackedObject> pool = spatial ? c.stream().filter(t -> t.position().isPresent()).toList() : c;
        ToDoubleFunction<TrackedObject> key = switch (order.axis()) {
            case LEFT -> t -> -pos(t).y();
            case RIGHT -> t -> pos(t).y();
            case NEAR -> t -> Math.hypot(pos(t).x(), pos(t).y());
            case FAR -> t -> -Math.hypot(pos(t).x(), pos(t).y());
            case BIG -> t -> -t.detection().box().area();
            case SMALL -> t -> t.detection().box().area();
        };
        List<TrackedObject> sorted = pool.stream().sorted(Comparator.comparingDouble(key)).toList();
        String what = order.axis().name().toLowerCase(Locale.ROOT) + " #" + order.rank();
        if (order.rank() > sorted.size()) {
            step(why, "no " + what + " among " + sorted.size());
            return List.of();
        }
        TrackedObject chosen = sorted.get(order.rank() - 1);
        List<TrackedObject> tied = sorted.stream().filter(t -> t == chosen || tie(order.axis(), key, t, chosen)).toList();
        step(why, what + (tied.size() > 1 ? " tied" : ""));
        return tied;
    }

    /** Too close to tell apart along the axis: within the direction margin, or (size) within {@link ObjectGroundingConfig#sizeTie()}. */
    private boolean tie(ObjectPhrase.Axis axis, ToDoubleFunction<TrackedObject> key, TrackedObject a, TrackedObject b) {
        if (axis == ObjectPhrase.Axis.BIG || axis == ObjectPhrase.Axis.SMALL) {
            double x = a.detection().box().area();
            double y = b.detection().box().area();
            return Math.max(x, y) <= config.sizeTie() * Math.min(x, y);
        }
        return Math.abs(key.applyAsDouble(a) - key.applyAsDouble(b)) <= relations.config().directionMargin();
    }

    private static String colourWords(ObjectPhrase p) {
        return String.join(" and ", p.colours().stream().map(s -> String.join("/", s.stream().map(NamedColour::word).toList())).toList());
    }

    private static void step(StringBuilder why, String s) {
        why.append(why.isEmpty() ? "" : ", ").append(s);
    }

    private static String ids(List<TrackedObject> ts) {
        return String.join(", ", ts.stream().map(t -> String.valueOf(t.trackId())).toList());
    }
}

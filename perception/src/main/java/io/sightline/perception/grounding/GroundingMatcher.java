package io.sightline.perception.grounding;

import io.sightline.perception.relations.RelationConfig;
import io.sightline.perception.relations.RelationExtractor;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.scene.Box2D;
import io.sightline.perception.tracking.TrackedObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the decoder's answer to a referring expression into one of the tracked objects (ARCHITECTURE.md section
 * 3: "loc tokens -> target box -> match to track"). A track is a candidate for a decoded box when the IoU reaches
 * {@link GroundingConfig#iouThreshold()} and its label agrees, by default, with the colour and shape the expression
 * names for its target ({@link TargetPhrase}), or with the label in the model's answer ({@link LabelMatch}) when it
 * names neither or {@link GroundingConfig#labelCheck()} says so; the best candidate
 * wins unless the runner-up is within {@link GroundingConfig#ambiguityMargin()} (AMBIGUOUS). Several boxes in one
 * answer are fine when they all land on the same object; on different objects the answer is AMBIGUOUS. Last, the
 * winner must agree with the relation the expression states, as {@link GroundingConfig#relationCheck()} says
 * ({@link StatedRelation}, judged on the tracks' positions); else NO_MATCH with the measured offset as the reason.
 */
public final class GroundingMatcher {
    private final GroundingConfig config;
    private final Set<String> colours;
    private final Set<String> shapes;
    private final RelationVerifier relationVerifier;

    /** Without a vocabulary: no expression states attributes, so tracks are checked against the answer's label. */
    public GroundingMatcher(GroundingConfig config) {
        this(config, Set.of(), Set.of());
    }

    /** With the ground truth's relation margins for {@link GroundingConfig#relationCheck()}. */
    public GroundingMatcher(GroundingConfig config, Collection<String> colours, Collection<String> shapes) {
        this(config, colours, shapes, RelationConfig.groundTruthMargins());
    }

    /**
     * @param colours, shapes the model's label vocabulary, for reading what an expression asks for ({@link TargetPhrase})
     * @param margins        the relation margins {@link GroundingConfig#relationCheck()} judges positions with (the
     *                       relation extractor's, so a check agrees with the relations the service reports)
     */
    public GroundingMatcher(GroundingConfig config, Collection<String> colours, Collection<String> shapes,
                            RelationConfig margins) {
        this.config = Objects.requireNonNull(config, "config");
        this.colours = Set.copyOf(colours);
        this.shapes = Set.copyOf(shapes);
        this.relationVerifier = new RelationVerifier(new RelationExtractor(margins));
    }

    public GroundingConfig config() {
        return config;
    }

    /** {@link #match(String, List, List, List)} for a single decoded answer. */
    public GroundingOutcome match(String expression, DecodedTarget answer, List<TrackedObject> tracks,
                                 List<SpatialRelation> relations) {
        return match(expression, List.of(answer), tracks, relations);
    }

    /**
     * @param expression the referring expression, used to rank the evidence
     * @param answers    the decoder's boxes (or a single "none")
     * @param tracks     the objects to choose from (usually the latest frame's tracks)
     * @param relations  relations among them, as the relation extractor gave them for the same frame
     */
    public GroundingOutcome match(String expression, List<DecodedTarget> answers, List<TrackedObject> tracks,
                                  List<SpatialRelation> relations) {
        List<DecodedTarget> boxed = answers.stream().filter(a -> !a.none()).toList();
        if (boxed.isEmpty()) {
            return noMatch(0, answers.isEmpty() ? "the decoder gave no answer" : "the model answered that nothing fits");
        }
        TargetPhrase phrase = config.labelCheck() == GroundingConfig.LabelCheck.EXPRESSION
            ? TargetPhrase.of(expression == null ? "" : expression, colours, shapes) : TargetPhrase.NONE;
        Map<Integer, TrackedObject> chosen = new LinkedHashMap<>();
        List<TrackedObject> allCandidates = new ArrayList<>();
        double bestIou = 0;
        TrackedObject byLabel = null;
        for (DecodedTarget answer : boxed) {
            Box2D box = answer.box().orElseThrow();
            List<TrackedObject> candidates = candidates(answer, phrase, tracks);
            if (candidates.isEmpty()) {
                Optional<TrackedObject> only = config.labelFallback() ? onlyWithLabel(answer, tracks) : Optional.empty();
                if (only.isPresent()) {
                    byLabel = only.get();
                    bestIou = Math.max(bestIou, box.iou(byLabel.detection().box()));
                    chosen.putIfAbsent(byLabel.trackId(), byLabel);
                    addOnce(allCandidates, byLabel);
                }
                continue;
            }
            double first = box.iou(candidates.get(0).detection().box());
            bestIou = Math.max(bestIou, first);
            candidates.forEach(c -> addOnce(allCandidates, c));
            if (candidates.size() > 1 && box.iou(candidates.get(1).detection().box()) >= first - config.ambiguityMargin()) {
                return new GroundingOutcome(GroundingStatus.AMBIGUOUS, Optional.empty(), first, candidates, List.of(),
                    String.format(Locale.ROOT, "tracks %d (%s) and %d (%s) fit the box about equally (IoU %.2f and %.2f)",
                        candidates.get(0).trackId(), candidates.get(0).label(), candidates.get(1).trackId(),
                        candidates.get(1).label(), first, box.iou(candidates.get(1).detection().box())));
            }
            chosen.putIfAbsent(candidates.get(0).trackId(), candidates.get(0));
        }
        if (chosen.isEmpty()) {
            return noMatch(0, whyNoCandidate(boxed.get(0), phrase, tracks));
        }
        if (chosen.size() > 1) {
            return new GroundingOutcome(GroundingStatus.AMBIGUOUS, Optional.empty(), bestIou, allCandidates, List.of(),
                "the model's " + boxed.size() + " boxes fit different tracks " + chosen.keySet());
        }
        TrackedObject target = chosen.values().iterator().next();
        Optional<String> contradiction = config.relationCheck() == GroundingConfig.RelationCheck.OFF ? Optional.empty()
            : StatedRelation.of(expression, colours, shapes)
                .flatMap(r -> relationVerifier.rejection(config.relationCheck(), r, target, tracks));
        if (contradiction.isPresent()) {
            return new GroundingOutcome(GroundingStatus.NO_MATCH, Optional.empty(), bestIou, allCandidates, List.of(),
                contradiction.get());
        }
        String reason = target == byLabel
            ? String.format(Locale.ROOT, "track %d (%s) by its label: the only tracked object the answer '%s' names (its box overlaps at IoU %.2f)",
                target.trackId(), target.label(), boxed.get(0).label(), bestIou)
            : String.format(Locale.ROOT, "track %d (%s) at IoU %.2f", target.trackId(), target.label(), bestIou);
        return new GroundingOutcome(GroundingStatus.OK, Optional.of(target), bestIou, allCandidates,
            EvidenceRanking.rank(expression, target, relations, tracks), reason);
    }

    /** Label-compatible tracks at IoU >= threshold, best IoU first (ties: lower track id). */
    private List<TrackedObject> candidates(DecodedTarget answer, TargetPhrase phrase, List<TrackedObject> tracks) {
        Box2D box = answer.box().orElseThrow();
        return tracks.stream()
            .filter(t -> labelFits(answer, phrase, t))
            .filter(t -> box.iou(t.detection().box()) >= config.iouThreshold())
            .sorted(Comparator.comparingDouble((TrackedObject t) -> -box.iou(t.detection().box()))
                .thenComparingInt(TrackedObject::trackId))
            .toList();
    }

    /** The track has what the expression asks for or, when it asks for nothing, what the answer names. */
    private static boolean labelFits(DecodedTarget answer, TargetPhrase phrase, TrackedObject t) {
        return phrase.namesAttributes() ? phrase.fits(t) : LabelMatch.fits(answer.label(), t);
    }

    private static void addOnce(List<TrackedObject> list, TrackedObject t) {
        if (list.stream().noneMatch(x -> x.trackId() == t.trackId())) {
            list.add(t);
        }
    }

    /** The one track whose label fits the answer's, when there is exactly one. */
    private static Optional<TrackedObject> onlyWithLabel(DecodedTarget answer, List<TrackedObject> tracks) {
        if (answer.label().isBlank()) {
            return Optional.empty();
        }
        List<TrackedObject> fits = tracks.stream().filter(t -> LabelMatch.fits(answer.label(), t)).limit(2).toList();
        return fits.size() == 1 ? Optional.of(fits.get(0)) : Optional.empty();
    }

    private String whyNoCandidate(DecodedTarget answer, TargetPhrase phrase, List<TrackedObject> tracks) {
        Box2D box = answer.box().orElseThrow();
        Optional<TrackedObject> closest = tracks.stream()
            .max(Comparator.comparingDouble(t -> box.iou(t.detection().box())));
        if (closest.isEmpty()) {
            return "no tracked objects";
        }
        TrackedObject t = closest.get();
        double iou = box.iou(t.detection().box());
        if (iou >= config.iouThreshold()) {
            return phrase.namesAttributes()
                ? String.format(Locale.ROOT, "the box overlaps track %d (%s) at IoU %.2f but the expression asks for a %s",
                    t.trackId(), t.label(), iou, phrase.describe())
                : String.format(Locale.ROOT, "the box overlaps track %d (%s) at IoU %.2f but the model said '%s'",
                    t.trackId(), t.label(), iou, answer.label());
        }
        return String.format(Locale.ROOT, "no tracked object overlaps the box at IoU >= %.2f (best: track %d (%s), %.2f)",
            config.iouThreshold(), t.trackId(), t.label(), iou);
    }

    private static GroundingOutcome noMatch(double iou, String reason) {
        return new GroundingOutcome(GroundingStatus.NO_MATCH, Optional.empty(), iou, List.of(), List.of(), reason);
    }
}

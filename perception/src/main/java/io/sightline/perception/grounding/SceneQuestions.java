package io.sightline.perception.grounding;

import io.sightline.calibration.camera.Vec3;
import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Answers DETECT phrase lists and ASK questions ({@link Question}) from tracked objects, with the {@link ObjectGrounder}'s
 * reading of the object phrase: exists and count over every object that fits, where and what colour about the one
 * object that fits (NO_MATCH when none, AMBIGUOUS with the candidates when several). Each answer carries its evidence
 * (the objects counted, the target's position and neighbour relations, its measured colour shares); a question or
 * phrase that cannot be read is ERROR with the reason. Stateless and thread-safe.
 */
public final class SceneQuestions {
    private final ObjectGrounder grounder;

    public SceneQuestions(ObjectGrounder grounder) {
        this.grounder = Objects.requireNonNull(grounder, "grounder");
    }

    /**
     * The objects each phrase of {@code phrases} ("person ; red car", split by ';' or ',') fits, together, by track id;
     * every visible object for no phrase. ERROR names the first phrase that cannot be read; NO_MATCH when none fits.
     */
    public TaskAnswer detect(String phrases, List<TrackedObject> visible, Map<Integer, ColourProfile> colours) {
        List<String> asked = new ArrayList<>();
        for (String p : (phrases == null ? "" : phrases).split("[;,]")) {
            if (!p.isBlank()) {
                asked.add(p.strip());
            }
        }
        if (asked.isEmpty()) {
            List<TrackedObject> all = byId(visible);
            return new TaskAnswer(all.isEmpty() ? GroundingStatus.NO_MATCH : GroundingStatus.OK, Optional.empty(), Optional.empty(),
                all, List.of(), OptionalInt.of(all.size()), Optional.empty(), "", all.size() + " object(s) in view" + listed(all),
                List.of(), "no phrase: every object in view");
        }
        Set<TrackedObject> found = new LinkedHashSet<>();
        List<String> why = new ArrayList<>();
        for (String p : asked) {
            ObjectGrounder.Selection s = grounder.select(p, visible, colours);
            if (!s.readable()) {
                return TaskAnswer.refused(GroundingStatus.ERROR, Optional.empty(), s.reason());
            }
            found.addAll(s.objects().get());
            why.add("'" + p + "': " + s.objects().get().size() + " (" + s.reason() + ")");
        }
        List<TrackedObject> all = byId(List.copyOf(found));
        return new TaskAnswer(all.isEmpty() ? GroundingStatus.NO_MATCH : GroundingStatus.OK, Optional.empty(), Optional.empty(),
            all, List.of(), OptionalInt.of(all.size()), Optional.empty(), "", all.size() + " object(s) fit" + listed(all),
            List.of(), String.join("; ", why));
    }

    /** The answer to one question; ERROR with the reason for a form or phrase that is not read. */
    public TaskAnswer ask(String question, List<TrackedObject> visible, Map<Integer, ColourProfile> colours) {
        Question q;
        try {
            q = Question.parse(question);
        } catch (Question.Unsupported e) {
            return TaskAnswer.refused(GroundingStatus.ERROR, Optional.empty(), e.getMessage());
        }
        return switch (q.kind()) {
            case EXISTS, COUNT -> counted(q, visible, colours);
            case WHERE, COLOUR -> about(q, visible, colours);
        };
    }

    private TaskAnswer counted(Question q, List<TrackedObject> visible, Map<Integer, ColourProfile> colours) {
        ObjectGrounder.Selection s = grounder.select(q.subject(), visible, colours);
        if (!s.readable()) {
            return TaskAnswer.refused(GroundingStatus.ERROR, Optional.of(q.kind()), s.reason());
        }
        List<TrackedObject> found = byId(s.objects().get());
        String text = q.kind() == Question.Kind.EXISTS
            ? (found.isEmpty() ? "no: nothing in view fits '" + q.subject() + "'" : "yes: " + found.size() + " in view" + listed(found))
            : found.size() + listed(found);
        return new TaskAnswer(GroundingStatus.OK, Optional.of(q.kind()), Optional.empty(), found, List.of(),
            OptionalInt.of(found.size()), q.kind() == Question.Kind.EXISTS ? Optional.of(!found.isEmpty()) : Optional.empty(),
            "", text, List.of(), s.reason());
    }

    private TaskAnswer about(Question q, List<TrackedObject> visible, Map<Integer, ColourProfile> colours) {
        GroundingOutcome o = grounder.ground(q.subject(), visible, colours);
        Optional<Question.Kind> kind = Optional.of(q.kind());
        if (o.status() == GroundingStatus.AMBIGUOUS) {
            return new TaskAnswer(GroundingStatus.AMBIGUOUS, kind, Optional.empty(), List.of(), o.candidates(), OptionalInt.empty(),
                Optional.empty(), "", "which one? " + o.candidates().size() + " fit" + listed(byId(o.candidates())), List.of(), o.reason());
        }
        if (o.status() != GroundingStatus.OK) {
            return TaskAnswer.refused(o.status(), kind, o.reason());
        }
        TrackedObject t = o.target().orElseThrow();
        String name = "the " + t.label() + " (track " + t.trackId() + ")";
        if (q.kind() == Question.Kind.WHERE) {
            List<SpatialRelation> near = grounder.relationsOf(t, visible);
            String at = t.position().map(SceneQuestions::position).orElse("in view, with no robot-frame position (no ground-plane fix)");
            String text = name + " is " + at + (near.isEmpty() ? "" : "; " + String.join("; ", near.stream().map(SpatialRelation::text).toList()));
            return new TaskAnswer(GroundingStatus.OK, kind, Optional.of(t), List.of(), List.of(), OptionalInt.empty(), Optional.empty(),
                "", text, near, o.reason());
        }
        ColourProfile p = colours.get(t.trackId());
        if (p == null || p.shares().values().stream().allMatch(v -> v == 0)) {
            return TaskAnswer.refused(GroundingStatus.ERROR, kind, "no colour measured for track " + t.trackId()
                + " (this pipeline measures no colours and its detector names none)");
        }
        String colour = p.dominant().word();
        return new TaskAnswer(GroundingStatus.OK, kind, Optional.of(t), List.of(), List.of(), OptionalInt.empty(), Optional.empty(),
            colour, name + " is " + colour + " (" + p.compact() + ")", List.of(), o.reason());
    }

    /** "1.20 m ahead and 0.30 m left of the robot (base_link)". */
    static String position(Vec3 p) {
        return String.format(Locale.ROOT, "%.2f m %s and %.2f m %s of the robot (base_link x %.2f, y %.2f, z %.2f)",
            Math.abs(p.x()), p.x() >= 0 ? "ahead" : "behind", Math.abs(p.y()), p.y() >= 0 ? "left" : "right", p.x(), p.y(), p.z());
    }

    private static List<TrackedObject> byId(List<TrackedObject> ts) {
        return ts.stream().sorted(Comparator.comparingInt(TrackedObject::trackId)).toList();
    }

    private static String listed(List<TrackedObject> ts) {
        return ts.isEmpty() ? "" : " (" + String.join(", ", ts.stream().map(t -> t.label() + " " + t.trackId()).toList()) + ")";
    }
}

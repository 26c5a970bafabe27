package io.sightline.perception.pipeline;

import io.sightline.perception.grounding.ColourProfile;
import io.sightline.perception.grounding.GroundingStatus;
import io.sightline.perception.grounding.NamedColour;
import io.sightline.perception.grounding.ObjectGrounder;
import io.sightline.perception.grounding.SceneQuestions;
import io.sightline.perception.grounding.TaskAnswer;
import io.sightline.perception.tracking.TrackedObject;
import io.sightline.perception.vlm.VlmModel;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The DETECT, DESCRIBE and ASK tasks on one processed frame, for every way in (MQTT requests, the HTTP chat endpoint,
 * the CLI's offline form): the frame's confirmed tracks in view ({@link RelationStage#inView}: the objects the scene
 * snapshot and sentence name; a tentative track may be noise, so it is neither counted nor listed) read by the
 * {@link SceneQuestions}, the scene sentence and relations the pipeline computed for the frame. Colours are the measured profiles
 * ({@link FrameOutcome#colours()}); a track without one (packs whose detector names the colour) counts as all of the
 * colour its detection names. GROUND stays the {@link Grounder}'s. Stateless and thread-safe.
 */
public final class SceneTasks {
    private final SceneQuestions questions;

    public SceneTasks(ObjectGrounder objects) {
        this.questions = new SceneQuestions(Objects.requireNonNull(objects, "objects"));
    }

    /** Over the pack's class labels, with the default thresholds (the {@link TrackGrounder}'s reading). */
    public static SceneTasks forLabels(Collection<String> labels) {
        return new SceneTasks(TrackGrounder.forLabels(labels).objects());
    }

    public static SceneTasks forModel(VlmModel vlm) {
        return forLabels(vlm.pack().manifest().shapes());
    }

    /** DETECT: the objects that fit any of the phrases ("person ; red car"); every visible object for none. */
    public TaskAnswer detect(FrameOutcome frame, String phrases) {
        List<TrackedObject> visible = RelationStage.inView(frame.tracks());
        return questions.detect(phrases, visible, colours(frame, visible));
    }

    /** DESCRIBE: the frame's scene sentence with the relations it was written from. */
    public TaskAnswer describe(FrameOutcome frame) {
        PerceptionResult r = frame.result();
        return new TaskAnswer(GroundingStatus.OK, Optional.empty(), Optional.empty(), List.of(), List.of(), OptionalInt.empty(),
            Optional.empty(), "", r.description(), r.relations(), r.relations().size() + " relation(s) among the objects in view");
    }

    /** ASK: one planner question (exists / count / where / what colour). */
    public TaskAnswer ask(FrameOutcome frame, String question) {
        List<TrackedObject> visible = RelationStage.inView(frame.tracks());
        return questions.ask(question, visible, colours(frame, visible));
    }

    /** The measured profiles, and for a track without one, all of its detection's colour when that is a known name. */
    static Map<Integer, ColourProfile> colours(FrameOutcome frame, List<TrackedObject> visible) {
        Map<Integer, ColourProfile> out = new HashMap<>(frame.colours());
        for (TrackedObject t : visible) {
            if (!out.containsKey(t.trackId())) {
                named(t.detection().colour()).ifPresent(c -> {
                    Map<NamedColour, Double> m = new EnumMap<>(NamedColour.class);
                    m.put(c, 1.0);
                    out.put(t.trackId(), new ColourProfile(m));
                });
            }
        }
        return out;
    }

    private static Optional<NamedColour> named(String colour) {
        String c = colour == null ? "" : colour.strip().toUpperCase(Locale.ROOT);
        if (c.equals("GRAY")) {
            c = "GREY";
        }
        for (NamedColour n : NamedColour.values()) {
            if (n.name().equals(c)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}

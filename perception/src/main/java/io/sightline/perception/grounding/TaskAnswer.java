package io.sightline.perception.grounding;

import io.sightline.perception.relations.SpatialRelation;
import io.sightline.perception.tracking.TrackedObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The answer to a DETECT, DESCRIBE or ASK request, from the tracked objects of one frame, with its evidence.
 *
 * @param status     OK (answered: "no" and 0 are answers), NO_MATCH (the object asked about is not in view),
 *                   AMBIGUOUS (several objects fit where one was asked about), ERROR (not read: see reason)
 * @param question   the form an ASK question was read as; empty for other tasks and unread questions
 * @param target     the one object a where / colour answer is about
 * @param targets    the objects that fit (DETECT: every phrase's; exists / count: those counted)
 * @param candidates the objects that fit when AMBIGUOUS
 * @param count      exists / count: how many fit
 * @param yes        exists: whether any fits
 * @param colour     what colour: the target's colour name
 * @param text       the answer in one sentence (DESCRIBE: the scene sentence)
 * @param evidence   the relations behind the answer (where: the target's neighbours; DESCRIBE: the frame's)
 * @param reason     one line: what decided the answer, or why there is none
 */
public record TaskAnswer(GroundingStatus status, Optional<Question.Kind> question, Optional<TrackedObject> target,
                         List<TrackedObject> targets, List<TrackedObject> candidates, OptionalInt count,
                         Optional<Boolean> yes, String colour, String text, List<SpatialRelation> evidence, String reason) {
    public TaskAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(target, "target");
        targets = List.copyOf(targets);
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(yes, "yes");
        colour = colour == null ? "" : colour;
        text = text == null ? "" : text;
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(reason, "reason");
    }

    /** No answer: {@code status} (ERROR, NO_MATCH) with the reason. */
    public static TaskAnswer refused(GroundingStatus status, Optional<Question.Kind> question, String reason) {
        return new TaskAnswer(status, question, Optional.empty(), List.of(), List.of(), OptionalInt.empty(), Optional.empty(),
            "", "", List.of(), reason);
    }
}

package io.sightline.perception.language;

import io.sightline.perception.pack.LocSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A state machine over token ids that admits only valid answers, so the greedy decoder can only produce
 * parseable sentences (the same machine as {@code models/training/vlm/generate.py}):
 * <ul>
 *   <li>{@link Task#GROUND}: {@code none <eos>} or {@code <loc><loc><loc><loc> colour shape <eos>};</li>
 *   <li>{@link Task#DETECT}: {@code none <eos>} or groups {@code <loc>x4 colour shape} separated by {@code ;},
 *       then {@code <eos>};</li>
 *   <li>{@link Task#DESCRIBE}: any vocabulary word (no special or loc tokens) until {@code <eos>}.</li>
 * </ul>
 * States are immutable values; {@link #allowed} lists the admissible ids in ascending order so a greedy pick
 * that keeps the first maximum matches {@code argmax} over the masked logits. At the start of an answer,
 * {@code none} competes with the whole box branch, as {@code generate.py}'s {@code LocGrammar.branch} decides it:
 * the probability that there is a box is spread over all loc bins, so a plain argmax would answer {@code none}
 * whenever the model is unsure which bin is right. {@code none} wins when it holds at least the
 * {@code noneThreshold} share of the start's two branches, p(none) >= t (p(none) + sum of p(loc) over the bins);
 * else the best bin. With t = 0.5 (the default) that is p(none) >= p(box); a lower t answers {@code none} more
 * often, a higher one less. Thread-safe.
 */
public final class LocGrammar {
    /** Where an answer is; {@code count} counts loc tokens already emitted in the current group. */
    public record State(Phase phase, int count) {
    }

    public enum Phase { START, LOC, COLOUR, SHAPE, AFTER_LABEL, END, TEXT, DONE }

    private final Task task;
    private final int eos;
    private final int none;
    private final int separator;
    private final LocSpec loc;
    private final int[] startIds;
    private final int[] locIds;
    private final int[] colourIds;
    private final int[] shapeIds;
    private final int[] afterLabelIds;
    private final int[] eosOnly;
    private final int[] textIds;
    private final double noneThreshold;
    /** log(t / (1 - t)): {@code none} wins when logit(none) - logsumexp(loc logits) reaches it. */
    private final double noneLogOdds;

    /** A grammar with the default {@code none} threshold, 0.5. */
    public LocGrammar(Task task, LocSpec loc, int eos, int none, int separator, Collection<Integer> colourIds,
                      Collection<Integer> shapeIds, Collection<Integer> specialIds, int vocabSize) {
        this(task, loc, eos, none, separator, colourIds, shapeIds, specialIds, vocabSize, 0.5);
    }

    /**
     * @param specialIds    ids of special tokens (pad, bos, eos, unk, image, sep...) that free text must not use
     * @param noneThreshold the share of the start's probability that {@code none} needs, strictly between 0 and 1
     */
    public LocGrammar(Task task, LocSpec loc, int eos, int none, int separator, Collection<Integer> colourIds,
                      Collection<Integer> shapeIds, Collection<Integer> specialIds, int vocabSize, double noneThreshold) {
        if (!(noneThreshold > 0 && noneThreshold < 1)) {
            throw new IllegalArgumentException("none threshold must be strictly between 0 and 1, got " + noneThreshold);
        }
        this.noneThreshold = noneThreshold;
        this.noneLogOdds = Math.log(noneThreshold / (1 - noneThreshold));
        this.task = task;
        this.eos = eos;
        this.none = none;
        this.separator = separator;
        this.loc = loc;
        List<Integer> locs = new ArrayList<>();
        for (int i = 0; i < loc.bins(); i++) {
            locs.add(loc.firstTokenId() + i);
        }
        this.locIds = sorted(locs);
        List<Integer> start = new ArrayList<>(locs);
        start.add(none);
        this.startIds = sorted(start);
        this.colourIds = sorted(colourIds);
        this.shapeIds = sorted(shapeIds);
        this.afterLabelIds = task == Task.DETECT ? sorted(List.of(eos, separator)) : new int[]{eos};
        this.eosOnly = new int[]{eos};
        List<Integer> text = new ArrayList<>();
        for (int id = 0; id < vocabSize; id++) {
            if (id == eos || (!specialIds.contains(id) && !loc.isLoc(id))) {
                text.add(id);
            }
        }
        this.textIds = sorted(text);
    }

    private static int[] sorted(Collection<Integer> ids) {
        return new TreeSet<>(ids).stream().mapToInt(Integer::intValue).toArray();
    }

    public Task task() {
        return task;
    }

    public State initial() {
        return new State(task == Task.DESCRIBE ? Phase.TEXT : Phase.START, 0);
    }

    /** Admissible next ids, ascending. The array is shared: do not modify. */
    public int[] allowed(State s) {
        return switch (s.phase()) {
            case START -> startIds;
            case LOC -> locIds;
            case COLOUR -> colourIds;
            case SHAPE -> shapeIds;
            case AFTER_LABEL -> afterLabelIds;
            case END, DONE -> eosOnly;
            case TEXT -> textIds;
        };
    }

    public boolean isAllowed(State s, int token) {
        return java.util.Arrays.binarySearch(allowed(s), token) >= 0;
    }

    /** The state after {@code token}; an inadmissible token is an {@link IllegalArgumentException}. */
    public State advance(State s, int token) {
        if (!isAllowed(s, token)) {
            throw new IllegalArgumentException("token " + token + " is not admissible in state " + s);
        }
        return switch (s.phase()) {
            case START -> token == none ? new State(Phase.END, 0) : new State(Phase.LOC, 1);
            case LOC -> s.count() < 3 ? new State(Phase.LOC, s.count() + 1) : new State(Phase.COLOUR, 0);
            case COLOUR -> new State(Phase.SHAPE, 0);
            case SHAPE -> new State(Phase.AFTER_LABEL, 0);
            case AFTER_LABEL -> token == separator ? new State(Phase.LOC, 0) : new State(Phase.DONE, 0);
            case END, DONE -> new State(Phase.DONE, 0);
            case TEXT -> token == eos ? new State(Phase.DONE, 0) : s;
        };
    }

    /**
     * The greedy choice, reading {@code logits} from {@code offset}: the admissible id with the highest logit (first
     * one on ties), except at the start, where {@code none} is weighed against the box branch as a whole (see the
     * class comment).
     */
    public int pick(State s, float[] logits, int offset) {
        if (s.phase() == Phase.START && locIds.length > 0) {
            return noneOrBox(logits, offset);
        }
        int[] ids = allowed(s);
        int best = ids[0];
        float bestValue = logits[offset + best];
        for (int i = 1; i < ids.length; i++) {
            float v = logits[offset + ids[i]];
            if (v > bestValue) {
                bestValue = v;
                best = ids[i];
            }
        }
        return best;
    }

    /**
     * p(none) >= t (p(none) + sum of p(loc)), i.e. logit(none) - logsumexp(loc logits) >= log(t / (1 - t)) (the
     * softmax's normaliser cancels); at t = 0.5 the right side is exactly 0.
     */
    private int noneOrBox(float[] logits, int offset) {
        int best = locIds[0];
        float max = logits[offset + best];
        for (int id : locIds) {
            if (logits[offset + id] > max) {
                max = logits[offset + id];
                best = id;
            }
        }
        double sum = 0;
        for (int id : locIds) {
            sum += Math.exp(logits[offset + id] - max);
        }
        double locMass = max + Math.log(sum);
        return logits[offset + none] - locMass >= noneLogOdds ? none : best;
    }

    public boolean isDone(State s) {
        return s.phase() == Phase.DONE;
    }

    /** The share of the start's probability that {@code none} needs to be the answer. */
    public double noneThreshold() {
        return noneThreshold;
    }

    public LocSpec loc() {
        return loc;
    }
}

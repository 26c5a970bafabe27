package io.sightline.perception.language;

import io.sightline.perception.pack.LocSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * States are immutable values that carry what the answer has said so far: {@link State#locs()} holds the boxes of
 * the complete groups, decoded as the walk goes (y_min x_min y_max x_max at the bin centre, see
 * {@link LocResult#fromYxyxBins}; a group whose min corner lies after its max corner is left out), so nobody renders the tokens to text and parses them back.
 * {@link #allowed} lists the admissible ids in ascending order so a greedy pick
 * that keeps the first maximum matches {@code argmax} over the masked logits. At the start of an answer,
 * {@code none} competes with the whole box branch, as {@code generate.py}'s {@code LocGrammar.branch} decides it:
 * the probability that there is a box is spread over all loc bins, so a plain argmax would answer {@code none}
 * whenever the model is unsure which bin is right. {@code none} wins when it holds at least the
 * {@code noneThreshold} share of the start's two branches, p(none) >= t (p(none) + sum of p(loc) over the bins);
 * else the best bin. With t = 0.5 (the default) that is p(none) >= p(box); a lower t answers {@code none} more
 * often, a higher one less. Thread-safe.
 */
public final class LocGrammar {
    /**
     * Where an answer is and what it has said.
     *
     * @param phase  what may come next
     * @param bins   the loc bins of the group being written (0..4; empty outside a group)
     * @param colour the colour word of the group being written, once emitted
     * @param locs   the boxes of the complete groups so far
     */
    public record State(Phase phase, List<Integer> bins, Optional<String> colour, List<LocResult> locs) {
        public State {
            bins = List.copyOf(bins);
            locs = List.copyOf(locs);
        }

        /** Loc tokens already emitted in the current group. */
        public int count() {
            return bins.size();
        }

        private State to(Phase next) {
            return new State(next, bins, colour, locs);
        }
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
    private final Map<Integer, String> words;
    private final int[] afterLabelIds;
    private final int[] eosOnly;
    private final int[] textIds;
    private final double noneThreshold;
    /** log(t / (1 - t)): {@code none} wins when logit(none) - logsumexp(loc logits) reaches it. */
    private final double noneLogOdds;

    /** A grammar with the default {@code none} threshold, 0.5. */
    public LocGrammar(Task task, LocSpec loc, int eos, int none, int separator, Map<Integer, String> colours,
                      Map<Integer, String> shapes, Collection<Integer> specialIds, int vocabSize) {
        this(task, loc, eos, none, separator, colours, shapes, specialIds, vocabSize, 0.5);
    }

    /**
     * @param colours       the colour label tokens, id -> word (a label is colour word, space, shape word)
     * @param shapes        the shape label tokens, id -> word
     * @param specialIds    ids of special tokens (pad, bos, eos, unk, image, sep...) that free text must not use
     * @param noneThreshold the share of the start's probability that {@code none} needs, strictly between 0 and 1
     */
    public LocGrammar(Task task, LocSpec loc, int eos, int none, int separator, Map<Integer, String> colours,
                      Map<Integer, String> shapes, Collection<Integer> specialIds, int vocabSize, double noneThreshold) {
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
        this.colourIds = sorted(colours.keySet());
        this.shapeIds = sorted(shapes.keySet());
        this.words = Map.copyOf(concat(colours, shapes));
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

    private static Map<Integer, String> concat(Map<Integer, String> a, Map<Integer, String> b) {
        Map<Integer, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static int[] sorted(Collection<Integer> ids) {
        return new TreeSet<>(ids).stream().mapToInt(Integer::intValue).toArray();
    }

    public Task task() {
        return task;
    }

    public State initial() {
        return new State(task == Task.DESCRIBE ? Phase.TEXT : Phase.START, List.of(), Optional.empty(), List.of());
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
            case START -> token == none ? s.to(Phase.END) : withBin(s, token);
            case LOC -> withBin(s, token);
            case COLOUR -> new State(Phase.SHAPE, s.bins(), Optional.of(words.get(token)), s.locs());
            case SHAPE -> closeGroup(s, words.get(token));
            case AFTER_LABEL -> s.to(token == separator ? Phase.LOC : Phase.DONE);
            case END, DONE -> s.to(Phase.DONE);
            case TEXT -> token == eos ? s.to(Phase.DONE) : s;
        };
    }

    private State withBin(State s, int token) {
        List<Integer> bins = new ArrayList<>(s.bins());
        bins.add(token - loc.firstTokenId());
        return new State(bins.size() < 4 ? Phase.LOC : Phase.COLOUR, bins, Optional.empty(), s.locs());
    }

    /** The group's label is complete: its box joins the answer (unless its corners are out of order). */
    private State closeGroup(State s, String shape) {
        List<LocResult> locs = new ArrayList<>(s.locs());
        LocResult.fromYxyxBins(s.colour().orElseThrow() + " " + shape, s.bins(), loc.bins()).ifPresent(locs::add);
        return new State(Phase.AFTER_LABEL, List.of(), Optional.empty(), locs);
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

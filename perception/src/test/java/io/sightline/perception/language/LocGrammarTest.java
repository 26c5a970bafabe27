package io.sightline.perception.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.perception.pack.LocSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The grammar on a small synthetic vocabulary: 0..5 specials (eos = 2), 6 = ';', 7 = 'none', 8..15 = 8 loc bins,
 * 16/17 colours, 18/19 shapes, 20/21 other words.
 */
class LocGrammarTest {
    static final int EOS = 2;
    static final int SEMI = 6;
    static final int NONE = 7;
    static final LocSpec LOC = new LocSpec(8, 8);
    static final int VOCAB = 22;
    static final Map<Integer, String> COLOURS = Map.of(16, "red", 17, "blue");
    static final Map<Integer, String> SHAPES = Map.of(18, "cup", 19, "cube");

    static LocGrammar grammar(Task task) {
        return new LocGrammar(task, LOC, EOS, NONE, SEMI, COLOURS, SHAPES, Set.of(0, 1, 2, 3, 4, 5), VOCAB);
    }

    private static LocGrammar.State feed(LocGrammar g, int... tokens) {
        LocGrammar.State s = g.initial();
        for (int t : tokens) {
            s = g.advance(s, t);
        }
        return s;
    }

    @Test
    void groundAdmitsOneBoxOrNone() {
        LocGrammar g = grammar(Task.GROUND);
        assertThat(g.allowed(g.initial())).containsExactly(7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(g.allowed(feed(g, 8))).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(g.allowed(feed(g, 8, 9, 10, 11))).containsExactly(16, 17);
        assertThat(g.allowed(feed(g, 8, 9, 10, 11, 16))).containsExactly(18, 19);
        assertThat(g.allowed(feed(g, 8, 9, 10, 11, 16, 18))).containsExactly(EOS);
        assertThat(g.isDone(feed(g, 8, 9, 10, 11, 16, 18, EOS))).isTrue();
        assertThat(g.allowed(feed(g, NONE))).containsExactly(EOS);
        assertThat(g.isDone(feed(g, NONE, EOS))).isTrue();
    }

    @Test
    void detectAdmitsSeveralGroupsSeparatedBySemicolons() {
        LocGrammar g = grammar(Task.DETECT);
        assertThat(g.allowed(feed(g, 8, 9, 10, 11, 16, 18))).containsExactly(EOS, SEMI);
        assertThat(g.allowed(feed(g, 8, 9, 10, 11, 16, 18, SEMI))).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
        LocGrammar.State after2 = feed(g, 8, 9, 10, 11, 16, 18, SEMI, 12, 13, 14, 15, 17, 19);
        assertThat(g.allowed(after2)).containsExactly(EOS, SEMI);
    }

    @Test
    void describeAdmitsWordsButNoSpecialOrLocTokens() {
        LocGrammar g = grammar(Task.DESCRIBE);
        assertThat(g.allowed(g.initial())).containsExactly(EOS, 6, 7, 16, 17, 18, 19, 20, 21);
        assertThat(g.isDone(feed(g, 20, 21, EOS))).isTrue();
    }

    @Test
    void theWalkBuildsTheBoxesAsTheAnswerGoes() {
        LocGrammar g = grammar(Task.GROUND);
        // bins y_min 1, x_min 2, y_max 5, x_max 7 of 8, at the bin centres
        LocGrammar.State s = feed(g, 9, 10, 13, 15, 16);
        assertThat(s.bins()).containsExactly(1, 2, 5, 7);
        assertThat(s.colour()).contains("red");
        assertThat(s.locs()).isEmpty();
        s = feed(g, 9, 10, 13, 15, 16, 18, EOS);
        assertThat(s.locs()).containsExactly(new LocResult("red cup", 2.5 / 8, 1.5 / 8, 7.5 / 8, 5.5 / 8));
        assertThat(s.bins()).isEmpty();
        assertThat(feed(g, NONE, EOS).locs()).isEmpty();
        assertThat(feed(grammar(Task.DESCRIBE), 16, 18, 20, EOS).locs()).isEmpty();
    }

    @Test
    void detectKeepsEveryCompleteGroupButAnInvertedOrUnfinishedOne() {
        LocGrammar g = grammar(Task.DETECT);
        // second group: y_min 6 after y_max 3, left out as the lenient text parser leaves it out
        LocGrammar.State s = feed(g, 8, 8, 9, 9, 17, 19, SEMI, 14, 8, 11, 9, 16, 18, SEMI, 8, 10, 12, 14, 17, 18, EOS);
        assertThat(s.locs()).extracting(LocResult::label).containsExactly("blue cube", "blue cup");
        assertThat(s.locs().get(1)).isEqualTo(new LocResult("blue cup", 2.5 / 8, 0.5 / 8, 6.5 / 8, 4.5 / 8));
        // the budget ran out inside the third group: only the two complete ones count
        assertThat(feed(g, 8, 8, 9, 9, 17, 19, SEMI, 8, 10, 12, 14, 17, 18, SEMI, 8, 8, 9, 9, 16).locs()).hasSize(2);
    }

    @Test
    void rejectsAnInadmissibleToken() {
        LocGrammar g = grammar(Task.GROUND);
        assertThatThrownBy(() -> g.advance(g.initial(), 16)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("token 16 is not admissible in state State[phase=START");
    }

    @Test
    void pickTakesTheBestAdmissibleTokenAndTheFirstOnTies() {
        LocGrammar g = grammar(Task.GROUND);
        float[] logits = new float[VOCAB];
        logits[16] = 9;       // a colour is best overall but not admissible at the start
        logits[10] = 3;
        logits[12] = 3;
        assertThat(g.pick(g.initial(), logits, 0)).isEqualTo(10);
    }

    @Test
    void atTheStartNoneCompetesWithTheWholeBoxBranch() {
        LocGrammar g = grammar(Task.GROUND);
        float[] logits = new float[VOCAB];
        // p(none) is larger than any one bin's but smaller than the 8 bins' sum (e^2 < 8 * e^0.5 + ...): a box
        logits[NONE] = 2f;
        for (int b = 8; b < 16; b++) {
            logits[b] = 0.5f;
        }
        logits[13] = 1f;
        assertThat(g.pick(g.initial(), logits, 0)).isEqualTo(13);
        // the bins' mass falls below p(none): none
        logits[NONE] = 4f;
        assertThat(g.pick(g.initial(), logits, 0)).isEqualTo(NONE);
        // equal mass: none (as generate.py, p(none) >= sum p(loc)); offsets are honoured
        float[] shifted = new float[VOCAB + 3];
        for (int b = 8; b < 16; b++) {
            shifted[3 + b] = 0f;
        }
        shifted[3 + NONE] = (float) Math.log(8);
        assertThat(g.pick(g.initial(), shifted, 3)).isEqualTo(NONE);
        // inside the box, plain argmax again
        float[] inBox = new float[VOCAB];
        inBox[9] = 1f;
        inBox[NONE] = 5f;
        assertThat(g.pick(feed(g, 10), inBox, 0)).isEqualTo(9);
    }

    @Test
    void theNoneThresholdMovesTheStartDecisionByTheShareNoneMustHold() {
        float[] logits = new float[VOCAB];
        for (int b = 8; b < 16; b++) {
            logits[b] = 0f;
        }
        logits[11] = 1f;
        double box = 7 + Math.E;
        // p(none) : p(box) = 2 : 3, i.e. none holds 40% of the start
        logits[NONE] = (float) Math.log(box * 2 / 3);
        assertThat(grammar(Task.GROUND).pick(grammar(Task.GROUND).initial(), logits, 0)).isEqualTo(11);
        assertThat(grammar(Task.GROUND).noneThreshold()).isEqualTo(0.5);
        LocGrammar eager = new LocGrammar(Task.GROUND, LOC, EOS, NONE, SEMI, COLOURS, SHAPES,
            Set.of(0, 1, 2, 3, 4, 5), VOCAB, 0.35);
        assertThat(eager.pick(eager.initial(), logits, 0)).isEqualTo(NONE);
        LocGrammar strict = new LocGrammar(Task.GROUND, LOC, EOS, NONE, SEMI, COLOURS, SHAPES,
            Set.of(0, 1, 2, 3, 4, 5), VOCAB, 0.45);
        assertThat(strict.pick(strict.initial(), logits, 0)).isEqualTo(11);
        // past the start the threshold plays no part
        float[] inBox = new float[VOCAB];
        inBox[9] = 1f;
        assertThat(eager.pick(feed(eager, 10), inBox, 0)).isEqualTo(9);
    }

    @Test
    void refusesANoneThresholdOutsideTheOpenUnitInterval() {
        for (double t : new double[]{0, 1, -0.2, Double.NaN}) {
            assertThatThrownBy(() -> new LocGrammar(Task.GROUND, LOC, EOS, NONE, SEMI, COLOURS, SHAPES,
                Set.of(0, 1, 2, 3, 4, 5), VOCAB, t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("none threshold must be strictly between 0 and 1");
        }
    }

    /** Whatever the logits say, the constrained sentence always parses: random logits, 500 answers. */
    @Test
    void randomLogitsAlwaysGiveAParseableAnswer() {
        Random rnd = new Random(7);
        String[] words = new String[VOCAB];
        for (int i = 0; i < 8; i++) {
            words[8 + i] = String.format("<loc%04d>", i);
        }
        words[SEMI] = ";";
        words[NONE] = "none";
        words[16] = "red";
        words[17] = "blue";
        words[18] = "cup";
        words[19] = "cube";
        int checked = 0;
        for (Task task : List.of(Task.GROUND, Task.DETECT)) {
            LocGrammar g = grammar(task);
            for (int n = 0; n < 500; n++) {
                LocGrammar.State s = g.initial();
                List<String> out = new ArrayList<>();
                int groups = 0;
                for (int k = 0; k < 64 && !g.isDone(s); k++) {
                    float[] logits = new float[VOCAB];
                    for (int i = 0; i < VOCAB; i++) {
                        logits[i] = (float) rnd.nextGaussian();
                    }
                    int t = g.pick(s, logits, 0);
                    s = g.advance(s, t);
                    if (t == SEMI || t == EOS && !out.isEmpty() && !out.get(out.size() - 1).equals("none")) {
                        groups++;
                    }
                    if (t != EOS) {
                        out.add(words[t]);
                    }
                }
                if (!g.isDone(s)) {
                    continue;  // ran out of budget: MAX_TOKENS, checked in LanguageDecoderTest
                }
                String text = String.join(" ", out).replaceAll("> <", "><");
                // the walk's boxes are what the text says
                assertThat(s.locs()).as(text).isEqualTo(new PaligemmaLocParser(LOC.bins()).parse(text));
                String group = "(<loc\\d{4}>){4} (red|blue) (cup|cube)";
                String valid = task == Task.GROUND ? "none|" + group : "none|" + group + "( ; " + group + ")*";
                assertThat(text).matches(valid);
                if (!text.equals("none")) {
                    assertThat(text.split(";")).hasSize(groups);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(900);
    }
}

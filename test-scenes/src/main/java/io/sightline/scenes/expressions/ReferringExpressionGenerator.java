package io.sightline.scenes.expressions;

import io.sightline.perception.relations.Predicate;
import io.sightline.perception.scene.ExpressionAnnotation;
import io.sightline.perception.scene.ExpressionKind;
import io.sightline.perception.scene.ObjectAnnotation;
import io.sightline.scenes.split.SplitPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Referring expressions for one frame: attribute-only, relational and superlative ones that resolve to exactly
 * one object, and ones that resolve to none (ARCHITECTURE.md sections 5 and 6).
 *
 * <p>Rules that make the ground truth trustworthy:
 * <ul>
 *   <li>Every object in view (visibility &gt; 0) counts as a possible match, but only objects with visibility
 *       above {@link SpatialPredicates#VISIBILITY_THRESHOLD} may be targets or anchors.</li>
 *   <li>An anchor ("... left of <em>the blue cube</em>") is described so that it alone matches.</li>
 *   <li>A relation or superlative is used only when it is clearly true for the target and clearly false for
 *       every other object the head matches ({@link SpatialPredicates#truth}); anything in an ambiguity band
 *       is skipped, so no expression depends on a centimetre.</li>
 *   <li>In {@code train} no expression touches a held-out composition or phrasing; elsewhere such expressions
 *       carry {@code heldOut = true}: when the target or anchor object, a colour and shape named together, or
 *       the phrasing is held out by the {@link SplitPolicy}.</li>
 * </ul>
 * The output depends only on the objects (in list order), the policy and the random stream.
 */
public final class ReferringExpressionGenerator {
    /** Expressions per frame unless the caller asks otherwise. */
    public static final int DEFAULT_MAX_EXPRESSIONS = 6;

    private final int maxExpressions;

    public ReferringExpressionGenerator() {
        this(DEFAULT_MAX_EXPRESSIONS);
    }

    /** @param maxExpressions the most expressions one frame gets (at least 1) */
    public ReferringExpressionGenerator(int maxExpressions) {
        if (maxExpressions < 1) {
            throw new IllegalArgumentException("maxExpressions must be at least 1, got " + maxExpressions);
        }
        this.maxExpressions = maxExpressions;
    }

    /**
     * @param visibleObjects the frame's objects (those with visibility 0 are ignored)
     * @param policy         the split the frame belongs to
     * @param rng            the frame's random stream; the same stream state gives the same expressions
     * @return up to {@code maxExpressions} expressions with distinct texts, at least one NO_TARGET whenever one
     *         can be formed
     */
    public List<ExpressionAnnotation> generate(List<ObjectAnnotation> visibleObjects, SplitPolicy policy,
                                               SplittableRandom rng) {
        List<ObjectAnnotation> inView = visibleObjects.stream().filter(o -> o.visibility() > 0).toList();
        Pools pools = new Pools(inView, policy);
        List<ExpressionAnnotation> out = new ArrayList<>();
        Set<String> texts = new HashSet<>();
        takeNoTarget(pools, policy, rng, out, texts);
        List<List<Candidate>> kinds = new ArrayList<>(List.of(pools.attribute, pools.relational, pools.superlative));
        boolean progress = true;
        while (out.size() < maxExpressions && progress) {
            progress = false;
            shuffle(kinds, rng);
            for (List<Candidate> pool : kinds) {
                if (out.size() < maxExpressions && take(pool, policy, rng, out, texts)) {
                    progress = true;
                }
            }
            // Beyond the first, a NO_TARGET in every other round on average keeps about a quarter of the
            // expressions target-less: enough to learn "none", not so many that "none" is a safe guess.
            if (out.size() < maxExpressions && rng.nextBoolean() && takeNoTarget(pools, policy, rng, out, texts)) {
                progress = true;
            }
        }
        return List.copyOf(out);
    }

    private static boolean takeNoTarget(Pools pools, SplitPolicy policy, SplittableRandom rng,
                                        List<ExpressionAnnotation> out, Set<String> texts) {
        boolean relationalFirst = rng.nextBoolean();
        List<Candidate> first = relationalFirst ? pools.noTargetRelational : pools.noTargetAttribute;
        List<Candidate> second = relationalFirst ? pools.noTargetAttribute : pools.noTargetRelational;
        return take(first, policy, rng, out, texts) || take(second, policy, rng, out, texts);
    }

    /** Removes random candidates from the pool until one realises to a new, permitted expression. */
    private static boolean take(List<Candidate> pool, SplitPolicy policy, SplittableRandom rng,
                                List<ExpressionAnnotation> out, Set<String> texts) {
        while (!pool.isEmpty()) {
            Candidate c = pool.remove(rng.nextInt(pool.size()));
            ExpressionAnnotation e = c.realise(policy, rng);
            if (e != null && !(policy.isTrain() && e.heldOut()) && texts.add(e.text())) {
                out.add(e);
                return true;
            }
        }
        return false;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** Every expression this frame allows, by kind, in a deterministic order. */
    private static final class Pools {
        final List<Candidate> attribute = new ArrayList<>();
        final List<Candidate> relational = new ArrayList<>();
        final List<Candidate> superlative = new ArrayList<>();
        final List<Candidate> noTargetAttribute = new ArrayList<>();
        final List<Candidate> noTargetRelational = new ArrayList<>();

        Pools(List<ObjectAnnotation> inView, SplitPolicy policy) {
            List<Description> heads = headsInView(inView);
            attributes(inView);
            absentDescriptions(inView, policy);
            relations(inView, heads);
            superlatives(inView, heads);
        }

        private static List<Description> headsInView(List<ObjectAnnotation> inView) {
            Set<Description> heads = new LinkedHashSet<>();
            for (ObjectAnnotation o : inView) {
                heads.addAll(Description.of(o));
            }
            return List.copyOf(heads);
        }

        private void attributes(List<ObjectAnnotation> inView) {
            for (ObjectAnnotation target : inView) {
                if (!SpatialPredicates.referable(target)) {
                    continue;
                }
                for (Description d : Description.of(target)) {
                    if (matching(inView, d).size() == 1) {
                        attribute.add(new AttributeCandidate(d, target));
                    }
                }
            }
        }

        /** Descriptions nothing in view matches: every allowed colour x shape, and absent shapes or colours. */
        private void absentDescriptions(List<ObjectAnnotation> inView, SplitPolicy policy) {
            for (String colour : Vocabulary.COLOURS) {
                for (String shape : Vocabulary.SHAPES) {
                    Description d = new Description(colour, shape);
                    if (policy.compositionAllowed(shape, colour) && matching(inView, d).isEmpty()) {
                        noTargetAttribute.add(new AttributeCandidate(d, null));
                    }
                }
            }
            for (String shape : Vocabulary.SHAPES) {
                Description d = new Description(null, shape);
                if (matching(inView, d).isEmpty()) {
                    noTargetAttribute.add(new AttributeCandidate(d, null));
                }
            }
            for (String colour : Vocabulary.COLOURS) {
                Description d = new Description(colour, null);
                if (matching(inView, d).isEmpty()) {
                    noTargetAttribute.add(new AttributeCandidate(d, null));
                }
            }
        }

        private void relations(List<ObjectAnnotation> inView, List<Description> heads) {
            for (ObjectAnnotation anchor : inView) {
                if (!SpatialPredicates.referable(anchor)) {
                    continue;
                }
                for (Description anchorWords : Description.of(anchor)) {
                    if (matching(inView, anchorWords).size() != 1) {
                        continue;
                    }
                    for (Description head : heads) {
                        List<ObjectAnnotation> candidates = new ArrayList<>(matching(inView, head));
                        candidates.remove(anchor);
                        if (candidates.isEmpty()) {
                            continue;
                        }
                        for (Predicate relation : Predicate.values()) {
                            classify(candidates, relation, anchor, head, anchorWords);
                        }
                    }
                }
            }
        }

        /** Adds the expression when exactly one candidate clearly holds and the rest clearly do not, or none does. */
        private void classify(List<ObjectAnnotation> candidates, Predicate relation, ObjectAnnotation anchor,
                              Description head, Description anchorWords) {
            ObjectAnnotation holder = null;
            int holders = 0;
            for (ObjectAnnotation c : candidates) {
                Truth t = SpatialPredicates.truth(relation, c, anchor);
                if (t == Truth.BORDERLINE) {
                    return;
                }
                if (t == Truth.TRUE) {
                    holder = c;
                    holders++;
                }
            }
            if (holders == 0) {
                noTargetRelational.add(new RelationalCandidate(head, relation, anchorWords, anchor, null));
            } else if (holders == 1 && SpatialPredicates.referable(holder)) {
                relational.add(new RelationalCandidate(head, relation, anchorWords, anchor, holder));
            }
        }

        private void superlatives(List<ObjectAnnotation> inView, List<Description> heads) {
            for (Description head : heads) {
                List<ObjectAnnotation> candidates = matching(inView, head);
                if (candidates.size() < 2) {
                    continue;
                }
                for (Extreme extreme : Extreme.values()) {
                    List<ObjectAnnotation> ranked = candidates.stream()
                            .sorted(Comparator.comparingDouble(
                                    (ObjectAnnotation o) -> SpatialPredicates.extremeScore(extreme, o)).reversed())
                            .toList();
                    double gap = SpatialPredicates.extremeScore(extreme, ranked.get(0))
                            - SpatialPredicates.extremeScore(extreme, ranked.get(1));
                    if (gap > SpatialPredicates.SUPERLATIVE_GAP && SpatialPredicates.referable(ranked.get(0))) {
                        superlative.add(new SuperlativeCandidate(head, extreme, ranked.get(0)));
                    }
                }
            }
        }

        private static List<ObjectAnnotation> matching(List<ObjectAnnotation> inView, Description d) {
            return inView.stream().filter(d::matches).toList();
        }
    }

    /** An expression whose meaning is fixed; only its wording is still to choose. */
    private interface Candidate {
        /** The expression in a wording the policy allows, or null when it allows none. */
        ExpressionAnnotation realise(SplitPolicy policy, SplittableRandom rng);
    }

    private record AttributeCandidate(Description words, ObjectAnnotation target) implements Candidate {
        @Override
        public ExpressionAnnotation realise(SplitPolicy policy, SplittableRandom rng) {
            boolean heldOut = namesHeldOut(words, policy) || heldOut(target, policy);
            return new ExpressionAnnotation(words.definite(),
                    target == null ? ExpressionKind.NO_TARGET : ExpressionKind.ATTRIBUTE, idOf(target), heldOut);
        }
    }

    private record RelationalCandidate(Description head, Predicate relation, Description anchorWords,
                                       ObjectAnnotation anchor, ObjectAnnotation target) implements Candidate {
        @Override
        public ExpressionAnnotation realise(SplitPolicy policy, SplittableRandom rng) {
            List<RelationPhrasing> allowed = RelationPhrasing.of(relation).stream()
                    .filter(p -> policy.phrasingAllowed(p.id())).toList();
            if (allowed.isEmpty()) {
                return null;
            }
            RelationPhrasing phrasing = allowed.get(rng.nextInt(allowed.size()));
            String text = head.definite() + " " + phrasing.words() + " " + anchorWords.definite();
            boolean heldOut = policy.isHeldOutPhrasing(phrasing.id()) || namesHeldOut(head, policy)
                    || namesHeldOut(anchorWords, policy) || heldOut(anchor, policy) || heldOut(target, policy);
            return new ExpressionAnnotation(text,
                    target == null ? ExpressionKind.NO_TARGET : ExpressionKind.RELATIONAL, idOf(target), heldOut);
        }
    }

    private record SuperlativeCandidate(Description head, Extreme extreme, ObjectAnnotation target)
            implements Candidate {
        @Override
        public ExpressionAnnotation realise(SplitPolicy policy, SplittableRandom rng) {
            List<SuperlativePhrasing> allowed = SuperlativePhrasing.of(extreme).stream()
                    .filter(p -> policy.phrasingAllowed(p.id())).toList();
            if (allowed.isEmpty()) {
                return null;
            }
            SuperlativePhrasing phrasing = allowed.get(rng.nextInt(allowed.size()));
            boolean heldOut = policy.isHeldOutPhrasing(phrasing.id()) || namesHeldOut(head, policy)
                    || heldOut(target, policy);
            return new ExpressionAnnotation(phrasing.phrase(head), ExpressionKind.SUPERLATIVE, target.id(), heldOut);
        }
    }

    private static boolean namesHeldOut(Description d, SplitPolicy policy) {
        return d.namesComposition() && policy.isHeldOutComposition(d.shape(), d.colour());
    }

    private static boolean heldOut(ObjectAnnotation o, SplitPolicy policy) {
        return o != null && policy.isHeldOutComposition(o.shape(), o.colour());
    }

    private static Integer idOf(ObjectAnnotation o) {
        return o == null ? null : o.id();
    }
}

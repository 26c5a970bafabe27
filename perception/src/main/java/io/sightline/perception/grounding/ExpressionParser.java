package io.sightline.perception.grounding;

import io.sightline.perception.relations.Predicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a referring expression into an {@link ObjectPhrase} with the words of an {@link ObjectVocabulary}: a noun
 * phrase (article, number, ordinal or superlative, colours, class word) followed by any of "on the left", "in the red
 * jacket", "nearest the robot", "second from the left", a relation ({@link Predicate#phrasings()}: "left of the cup",
 * "next to the laptop") or "between A and B". A word it does not know, or a form it does not read, fails with an
 * {@link UnreadableExpression} naming it: the grounder answers ERROR with that reason and never guesses.
 */
public final class ExpressionParser {
    /** Why an expression cannot be read. */
    public static final class UnreadableExpression extends RuntimeException {
        private final transient ObjectPhrase readSoFar;

        UnreadableExpression(String message) {
            this(message, null);
        }

        UnreadableExpression(String message, ObjectPhrase readSoFar) {
            super(message);
            this.readSoFar = readSoFar;
        }

        /**
         * The object as far as it was read before the unreadable part (class, colours, whole relations; no ordering),
         * when that much was read: every object the whole expression could mean fits it, so when nothing fits it,
         * nothing fits the expression whatever the rest says.
         */
        public Optional<ObjectPhrase> readSoFar() {
            return Optional.ofNullable(readSoFar);
        }
    }

    /** The longest expression read, in words. */
    public static final int MAX_WORDS = 40;

    private static final Set<String> ARTICLES = Set.of("the", "a", "an", "this", "that");
    private static final Map<String, Integer> NUMBERS = Map.of("two", 2, "three", 3, "four", 4, "five", 5, "both", 2);
    private static final Map<String, Integer> ORDINALS = Map.of("first", 1, "second", 2, "third", 3, "fourth", 4,
        "fifth", 5, "sixth", 6);
    private static final Map<String, ObjectPhrase.Axis> SUPERLATIVES = Map.ofEntries(
        Map.entry("leftmost", ObjectPhrase.Axis.LEFT), Map.entry("rightmost", ObjectPhrase.Axis.RIGHT),
        Map.entry("nearest", ObjectPhrase.Axis.NEAR), Map.entry("closest", ObjectPhrase.Axis.NEAR),
        Map.entry("farthest", ObjectPhrase.Axis.FAR), Map.entry("furthest", ObjectPhrase.Axis.FAR),
        Map.entry("biggest", ObjectPhrase.Axis.BIG), Map.entry("largest", ObjectPhrase.Axis.BIG),
        Map.entry("bigger", ObjectPhrase.Axis.BIG), Map.entry("larger", ObjectPhrase.Axis.BIG),
        Map.entry("big", ObjectPhrase.Axis.BIG), Map.entry("large", ObjectPhrase.Axis.BIG),
        Map.entry("smallest", ObjectPhrase.Axis.SMALL), Map.entry("smaller", ObjectPhrase.Axis.SMALL),
        Map.entry("small", ObjectPhrase.Axis.SMALL), Map.entry("little", ObjectPhrase.Axis.SMALL));
    /** Words for the robot itself, after "nearest" / "farthest from". */
    private static final Set<String> SELF = Set.of("robot", "camera", "you", "me", "us");

    private final ObjectVocabulary vocabulary;
    /** Every phrasing of every predicate, longest first, as word lists. */
    private final List<Map.Entry<List<String>, Predicate>> phrasings;

    public ExpressionParser(ObjectVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        List<Map.Entry<List<String>, Predicate>> p = new ArrayList<>();
        for (Predicate predicate : Predicate.values()) {
            for (String phrasing : predicate.phrasings()) {
                p.add(Map.entry(List.of(phrasing.split(" ")), predicate));
            }
        }
        p.sort(Comparator.comparingInt((Map.Entry<List<String>, Predicate> e) -> -e.getKey().size()));
        this.phrasings = List.copyOf(p);
    }

    /** The words of an expression: lower case, punctuation dropped, "left-most" joined. */
    static List<String> words(String expression) {
        String s = expression.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace("left-most", "leftmost")
            .replace("right-most", "rightmost").replaceAll("[^a-z0-9'\\- ]", " ").replaceAll("'s\\b", "");
        List<String> out = new ArrayList<>();
        for (String w : s.strip().split("\\s+")) {
            String t = w.replaceAll("^[-']+|[-']+$", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The phrase, or an {@link UnreadableExpression} with the reason. */
    public ObjectPhrase parse(String expression) {
        List<String> w = words(expression == null ? "" : expression);
        if (w.isEmpty()) {
            throw new UnreadableExpression("the expression has no words");
        }
        if (w.size() > MAX_WORDS) {
            throw new UnreadableExpression("the expression has " + w.size() + " words; at most " + MAX_WORDS + " are read");
        }
        Cursor c = new Cursor(w);
        ObjectPhrase p = phrase(c);
        if (!c.done()) {
            throw new UnreadableExpression("cannot read '" + c.rest() + "' after the object ('" + String.join(" ", c.read()) + "')");
        }
        return p;
    }

    private ObjectPhrase phrase(Cursor c) {
        c.skip(ARTICLES);
        int count = 0;
        if (c.peekIn(NUMBERS.keySet())) {
            count = NUMBERS.get(c.next());
        }
        List<ObjectPhrase.Order> orders = new ArrayList<>();
        List<Set<NamedColour>> colours = new ArrayList<>();
        int pendingRank = 0;
        Set<String> labels = null;
        boolean sameAsOuter = false;
        boolean plural = false;
        while (labels == null && !sameAsOuter) {
            if (c.done()) {
                throw new UnreadableExpression("no object named" + (c.read().isEmpty() ? "" : " after '" + String.join(" ", c.read()) + "'"));
            }
            String t = c.peek();
            Optional<Match> cls = classAt(c);
            if (ORDINALS.containsKey(t)) {
                c.next();
                pendingRank = ORDINALS.get(t);
            } else if (SUPERLATIVES.containsKey(t)) {
                c.next();
                orders.add(new ObjectPhrase.Order(SUPERLATIVES.get(t), Math.max(1, pendingRank)));
                pendingRank = 0;
            } else if (cls.isPresent() && (vocabulary.colour(t).isEmpty() || !colourBeforeNoun(c))) {
                c.advance(cls.get().length());
                labels = cls.get().word().labels();
                plural = cls.get().word().plural();
            } else if (vocabulary.isAny(t)) {
                c.next();
                sameAsOuter = t.startsWith("one");
                labels = Set.of();
                plural = vocabulary.isPlural(t);
            } else if (vocabulary.isShade(t) || !vocabulary.colour(t).isEmpty()) {
                colours.addAll(colourWords(c));
            } else {
                throw new UnreadableExpression(unknown(c));
            }
        }
        List<ObjectPhrase.Relation> relations = new ArrayList<>();
        try {
            postModifiers(c, orders, colours, relations, pendingRank);
        } catch (UnreadableExpression e) {
            if (c.depth > 0 || e.readSoFar().isPresent()) {
                throw e;
            }
            throw new UnreadableExpression(e.getMessage(), new ObjectPhrase(labels, sameAsOuter, plural || count > 1, count,
                colours, List.of(), relations));
        }
        return new ObjectPhrase(labels, sameAsOuter, plural || count > 1, count, colours, orders, relations);
    }

    /** What follows the head noun, into the lists; a pending ordinal without "from the left/right" counts from the left. */
    private void postModifiers(Cursor c, List<ObjectPhrase.Order> orders, List<Set<NamedColour>> colours,
                               List<ObjectPhrase.Relation> relations, int pendingRank) {
        while (!c.done()) {
            String t = c.peek();
            if (vocabulary.isFiller(t)) {
                c.next();
            } else if (c.at("on", "the", "left") || c.at("at", "the", "left") || c.at("on", "the", "right")
                || c.at("at", "the", "right")) {
                c.advance(2);
                orders.add(new ObjectPhrase.Order(c.next().equals("left") ? ObjectPhrase.Axis.LEFT : ObjectPhrase.Axis.RIGHT, 1));
            } else if (pendingRank > 0 && (c.at("from", "the", "left") || c.at("from", "the", "right"))) {
                c.advance(2);
                orders.add(new ObjectPhrase.Order(c.next().equals("left") ? ObjectPhrase.Axis.LEFT
                    : ObjectPhrase.Axis.RIGHT, pendingRank));
                pendingRank = 0;
            } else if ((t.equals("in") || t.equals("with") || t.equals("wearing")) && colourFollows(c)) {
                c.next();
                c.skip(ARTICLES);
                colours.addAll(colourWords(c));
                if (!c.done() && vocabulary.isWorn(c.peek())) {
                    c.next();
                }
            } else if (SUPERLATIVES.containsKey(t) && (SUPERLATIVES.get(t) == ObjectPhrase.Axis.NEAR
                || SUPERLATIVES.get(t) == ObjectPhrase.Axis.FAR)) {
                c.next();
                ObjectPhrase.Axis axis = SUPERLATIVES.get(t);
                c.skip(Set.of("to", "from", "away"));
                c.skip(ARTICLES);
                if (c.done() || SELF.contains(c.peek())) {
                    if (!c.done()) {
                        c.next();
                    }
                    orders.add(new ObjectPhrase.Order(axis, Math.max(1, pendingRank)));
                    pendingRank = 0;
                } else if (axis == ObjectPhrase.Axis.NEAR) {
                    relations.add(new ObjectPhrase.Relation(Optional.of(Predicate.NEAR), false, true, List.of(anchor(c))));
                } else {
                    throw new UnreadableExpression("'farthest from' an object is not read, only from the robot");
                }
            } else if (t.equals("between")) {
                c.next();
                ObjectPhrase a = anchor(c);
                if (a.plural() && (a.count() == 2 || a.count() == 0)) {
                    relations.add(new ObjectPhrase.Relation(Optional.empty(), true, false, List.of(a)));
                } else {
                    if (c.done() || !c.peek().equals("and")) {
                        throw new UnreadableExpression("'between' needs two objects ('between A and B')");
                    }
                    c.next();
                    relations.add(new ObjectPhrase.Relation(Optional.empty(), true, false, List.of(a, anchor(c))));
                }
            } else if (t.equals("and") && c.depth > 0) {
                break; // the end of an anchor inside "between A and B"
            } else {
                Optional<Map.Entry<List<String>, Predicate>> p = predicateAt(c);
                if (p.isEmpty()) {
                    if (c.depth > 0) {
                        break;
                    }
                    throw new UnreadableExpression(unknown(c));
                }
                c.advance(p.get().getKey().size());
                relations.add(new ObjectPhrase.Relation(Optional.of(p.get().getValue()), false, false, List.of(anchor(c))));
            }
        }
        if (pendingRank > 0) {
            orders.add(new ObjectPhrase.Order(ObjectPhrase.Axis.LEFT, pendingRank)); // "the third car": counted from the left
        }
    }

    private ObjectPhrase anchor(Cursor c) {
        c.depth++;
        try {
            return phrase(c);
        } finally {
            c.depth--;
        }
    }

    private String unknown(Cursor c) {
        String t = c.peek();
        return "unknown word '" + t + "'" + (c.read().isEmpty() ? "" : " after '" + String.join(" ", c.read()) + "'")
            + "; read are class words of the pack, colours, left/right/in front of/behind/near/between, ordinals and superlatives";
    }

    /** "red", "light grey", "red and blue", "red-and-navy": the colours, each word's names. */
    private List<Set<NamedColour>> colourWords(Cursor c) {
        List<Set<NamedColour>> out = new ArrayList<>();
        while (!c.done()) {
            String t = c.peek();
            if (vocabulary.isShade(t) && vocabulary.colour(t).isEmpty()) {
                c.next();
            } else if (vocabulary.isShade(t) && c.has(1) && !vocabulary.colour(c.peek(1)).isEmpty()) {
                c.next(); // "dark blue": the shade qualifies the next colour
            } else if (!vocabulary.colour(t).isEmpty() && (out.isEmpty() || !classAt(c).isPresent() || colourBeforeNoun(c))) {
                Set<NamedColour> names = EnumSet.copyOf(vocabulary.colour(c.next()));
                out.add(names);
                if (!c.done() && c.peek().equals("and") && c.has(1) && !vocabulary.colour(c.peek(1)).isEmpty()) {
                    c.next();
                }
            } else {
                break;
            }
        }
        if (out.isEmpty()) {
            throw new UnreadableExpression("a shade without a colour ('" + c.rest() + "')");
        }
        return out;
    }

    /** Is the colour word at the cursor followed (after more colours) by a class or head word: "the orange cat"? */
    private boolean colourBeforeNoun(Cursor c) {
        int i = 1;
        while (c.has(i) && (!vocabulary.colour(c.peek(i)).isEmpty() || vocabulary.isShade(c.peek(i)) || c.peek(i).equals("and"))) {
            i++;
        }
        if (!c.has(i)) {
            return false;
        }
        Cursor ahead = c.ahead(i);
        return classAt(ahead).isPresent() || vocabulary.isAny(ahead.peek());
    }

    /** After "in" / "with": a colour ("in red", "in the blue pot", "with the red scarf"). */
    private boolean colourFollows(Cursor c) {
        int i = 1;
        while (c.has(i) && ARTICLES.contains(c.peek(i))) {
            i++;
        }
        return c.has(i) && (!vocabulary.colour(c.peek(i)).isEmpty() || vocabulary.isShade(c.peek(i)));
    }

    private record Match(ObjectVocabulary.ClassWord word, int length) {}

    /** The longest class word starting at the cursor. */
    private Optional<Match> classAt(Cursor c) {
        for (int n = Math.min(vocabulary.longestClassWord(), c.remaining()); n >= 1; n--) {
            ObjectVocabulary.ClassWord w = vocabulary.classWord(String.join(" ", c.next(n)));
            if (w != null) {
                return Optional.of(new Match(w, n));
            }
        }
        return Optional.empty();
    }

    private Optional<Map.Entry<List<String>, Predicate>> predicateAt(Cursor c) {
        for (Map.Entry<List<String>, Predicate> p : phrasings) {
            if (c.at(p.getKey().toArray(String[]::new))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A read position in the word list; {@code depth} > 0 inside an anchor phrase. */
    private static final class Cursor {
        private final List<String> words;
        private int i;
        private int depth;

        Cursor(List<String> words) {
            this.words = words;
        }

        boolean done() {
            return i >= words.size();
        }

        int remaining() {
            return words.size() - i;
        }

        boolean has(int ahead) {
            return i + ahead < words.size();
        }

        String peek() {
            return words.get(i);
        }

        String peek(int ahead) {
            return words.get(i + ahead);
        }

        String next() {
            return words.get(i++);
        }

        List<String> next(int n) {
            return words.subList(i, i + n);
        }

        void advance(int n) {
            i += n;
        }

        Cursor ahead(int n) {
            Cursor c = new Cursor(words);
            c.i = i + n;
            return c;
        }

        boolean peekIn(Set<String> set) {
            return !done() && set.contains(peek());
        }

        void skip(Set<String> set) {
            while (peekIn(set)) {
                i++;
            }
        }

        boolean at(String... seq) {
            if (i + seq.length > words.size()) {
                return false;
            }
            for (int k = 0; k < seq.length; k++) {
                if (!words.get(i + k).equals(seq[k])) {
                    return false;
                }
            }
            return true;
        }

        List<String> read() {
            return words.subList(0, i);
        }

        String rest() {
            return String.join(" ", words.subList(i, words.size()));
        }
    }
}

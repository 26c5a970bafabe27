package io.sightline.perception.grounding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words the object grounder reads ({@code object-vocabulary.txt} next to this class): class words and their
 * plurals by the labels they name, colour words by {@link NamedColour}, shades, worn things and fillers. Built for
 * one pack's labels: every label names itself, and a class word is kept only when the pack has its label.
 */
public final class ObjectVocabulary {
    static final String RESOURCE = "object-vocabulary.txt";

    /** What a (possibly multi-word) class word names. */
    public record ClassWord(Set<String> labels, boolean plural) {}

    private final Map<String, ClassWord> classWords = new HashMap<>();
    private final Map<String, Set<NamedColour>> colours = new HashMap<>();
    private final Set<String> any = new HashSet<>();
    private final Set<String> shades = new HashSet<>();
    private final Set<String> worn = new HashSet<>();
    private final Set<String> fillers = new HashSet<>();
    private final Set<String> plurals = new HashSet<>();
    private int longestClassWord = 1;

    private ObjectVocabulary() {
    }

    /** The shipped vocabulary over the pack's {@code labels}. */
    public static ObjectVocabulary forLabels(Collection<String> labels) {
        try (InputStream in = ObjectVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the perception jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(), labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ObjectVocabulary parse(List<String> lines, Collection<String> labels) {
        ObjectVocabulary v = new ObjectVocabulary();
        Set<String> known = new HashSet<>();
        for (String l : labels) {
            known.add(l.toLowerCase(Locale.ROOT));
        }
        for (String label : known) {
            v.addClassWord(label, label);
        }
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(RESOURCE + ":" + n + ": expected '<kind> [key] = words', got '" + line + "'");
            }
            String[] head = line.substring(0, eq).strip().split("\\s+", 2);
            List<String> words = new ArrayList<>();
            for (String w : line.substring(eq + 1).split(",")) {
                if (!w.isBlank()) {
                    words.add(w.strip().toLowerCase(Locale.ROOT));
                }
            }
            switch (head[0]) {
                case "class" -> {
                    String label = head.length > 1 ? head[1].strip() : "";
                    if (known.contains(label)) {
                        words.forEach(w -> v.addClassWord(w, label));
                    }
                }
                case "colour" -> {
                    NamedColour c = NamedColour.valueOf(head.length > 1 ? head[1].strip() : "");
                    words.forEach(w -> v.colours.computeIfAbsent(w, k -> EnumSet.noneOf(NamedColour.class)).add(c));
                }
                case "any" -> v.any.addAll(words);
                case "shade" -> v.shades.addAll(words);
                case "worn" -> v.worn.addAll(words);
                case "filler" -> v.fillers.addAll(words);
                case "plural" -> v.plurals.addAll(words);
                default -> throw new IllegalArgumentException(RESOURCE + ":" + n + ": unknown kind '" + head[0] + "'");
            }
        }
        return v;
    }

    private void addClassWord(String word, String label) {
        add(word, label, false);
        add(plural(word), label, true);
    }

    private void add(String word, String label, boolean plural) {
        ClassWord old = classWords.get(word);
        Set<String> labels = new HashSet<>(old == null ? Set.of() : old.labels());
        labels.add(label);
        // a listed singular wins over a formed plural ("bus" and "buses" both listed; "sheep" is its own plural)
        classWords.put(word, new ClassWord(Set.copyOf(labels), old == null ? plural : old.plural() && plural));
        longestClassWord = Math.max(longestClassWord, word.split(" ").length);
    }

    /** "cup" -> "cups", "bus" -> "buses", "lady" -> "ladies"; of a multi-word name, its last word. */
    static String plural(String word) {
        if (word.endsWith("s") || word.endsWith("x") || word.endsWith("ch") || word.endsWith("sh")) {
            return word + "es";
        }
        if (word.endsWith("y") && word.length() > 1 && "aeiou".indexOf(word.charAt(word.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        return word + "s";
    }

    /** The class word of {@code words}, if any. */
    public ClassWord classWord(String words) {
        ClassWord w = classWords.get(words);
        return w == null || !plurals.contains(words) ? w : new ClassWord(w.labels(), true);
    }

    int longestClassWord() {
        return longestClassWord;
    }

    /** The names a colour word stands for; empty when it is no colour word. */
    public Set<NamedColour> colour(String word) {
        return colours.getOrDefault(word, Set.of());
    }

    boolean isPlural(String word) {
        return plurals.contains(word);
    }

    boolean isAny(String word) {
        return any.contains(word);
    }

    boolean isShade(String word) {
        return shades.contains(word);
    }

    boolean isWorn(String word) {
        return worn.contains(word);
    }

    boolean isFiller(String word) {
        return fillers.contains(word);
    }
}

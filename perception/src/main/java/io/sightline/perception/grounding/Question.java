package io.sightline.perception.grounding;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A planner's question as read for the ASK task: its form and the object phrase it is about ("how many people?" is
 * COUNT of "people"). Only the forms of {@link Kind} are read, in English; anything else is {@link Unsupported} with the
 * reason, never guessed at. The object phrase is read later by the {@link ExpressionParser}, with its own reasons.
 *
 * @param kind    the form
 * @param subject the object phrase, as asked ("a red cup", "people", "the laptop")
 */
public record Question(Kind kind, String subject) {
    /** The longest question read, in characters (the request's own bound is larger). */
    public static final int MAX_CHARS = 300;

    /** The question forms answered. */
    public enum Kind {
        /** "is there a cup?", "are there any people?", "do you see a dog?" */
        EXISTS,
        /** "how many people?", "how many cups are there?" */
        COUNT,
        /** "where is the laptop?" */
        WHERE,
        /** "what colour is the car?" */
        COLOUR
    }

    /** Why a question is not answered: a form not read, or no question at all. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** The forms, for reasons. */
    public static final String FORMS = "is there a X? / how many X? / where is the X? / what colour is the X?";

    private static final String TAIL = "(?:\\s+(?:(?:in|on)\\s+(?:the\\s+)?(?:view|scene|table|picture|image|frame)|here|there|"
        + "visible|in\\s+front\\s+of\\s+(?:you|the\\s+robot)|(?:that\\s+)?(?:you\\s+)?(?:can\\s+)?see))*";
    private static final List<Form> FORMS_READ = List.of(
        new Form(Kind.EXISTS, "(?:is|are)\\s+there\\s+(?:any\\s+)?(.+?)" + TAIL),
        new Form(Kind.EXISTS, "(?:do|can)\\s+you\\s+see\\s+(?:any\\s+)?(.+?)" + TAIL),
        new Form(Kind.COUNT, "how\\s+many\\s+(.+?)(?:\\s+(?:are|is|do\\s+you|can\\s+you)(?:\\s+there)?)?" + TAIL),
        new Form(Kind.WHERE, "where\\s+(?:is|are)\\s+(.+?)" + TAIL),
        new Form(Kind.COLOUR, "(?:what|which)\\s+colou?rs?\\s+(?:is|are|does)\\s+(.+?)(?:\\s+have)?" + TAIL),
        new Form(Kind.COLOUR, "what\\s+is\\s+the\\s+colou?r\\s+of\\s+(.+?)" + TAIL));

    private record Form(Kind kind, Pattern pattern) {
        Form(Kind kind, String regex) {
            this(kind, Pattern.compile(regex));
        }
    }

    public Question {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
    }

    /**
     * How a planner's question starts (is there, how many, what colour, where is, do you see): text that starts so is
     * asked as a question ({@link #parse} then reads it or says why not), anything else is an expression to ground.
     */
    private static final Pattern QUESTION_START = Pattern.compile("(?i)^\\s*(?:(?:is|are)\\s+there|how\\s+many|(?:what|which)\\s+colou?rs?"
        + "|what\\s+is\\s+the\\s+colou?r|where\\s+(?:is|are)|where's|where\u2019s|(?:do|can)\\s+you\\s+see)\\b.*");

    /** Whether {@code text} starts as one of the question forms (a question to ASK rather than an expression to ground). */
    public static boolean asks(String text) {
        return text != null && QUESTION_START.matcher(text).matches();
    }

    /** The question read, or {@link Unsupported} with the reason. */
    public static Question parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new Unsupported("the question is empty; asked are: " + FORMS);
        }
        if (t.length() > MAX_CHARS) {
            throw new Unsupported("the question has " + t.length() + " characters; at most " + MAX_CHARS + " are read");
        }
        String s = t.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace("where's", "where is")
            .replace("what's", "what is").replaceAll("[?.!]+\\s*$", "").replaceAll("\\s+", " ").strip();
        if (!s.matches(".*[a-z].*")) {
            throw new Unsupported("the question has no English words; questions are read in English: " + FORMS);
        }
        for (Form f : FORMS_READ) {
            Matcher m = f.pattern().matcher(s);
            if (m.matches() && !m.group(1).isBlank()) {
                return new Question(f.kind(), m.group(1).strip());
            }
        }
        throw new Unsupported("question form not supported: '" + (s.length() > 60 ? s.substring(0, 60) + "..." : s)
            + "'; asked are: " + FORMS);
    }
}

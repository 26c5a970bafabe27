package io.sightline.transport.mqtt;

/**
 * Text a client sent (request ids, topics, expressions), made safe to log or to echo in an error: control,
 * format and line/paragraph separator characters are written as {@code \n} or {@code \}{@code uXXXX}, so no
 * client can forge a log line, and the text is cut at a bound with the full length named.
 */
public final class ClientText {
    private ClientText() {
    }

    /** {@code text} escaped and cut to at most {@code maxChars} characters of the original. */
    public static String safe(String text, int maxChars) {
        int end = Math.min(text.length(), maxChars);
        if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        StringBuilder b = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (end < text.length()) {
            b.append("...(").append(text.length()).append(" chars)");
        }
        return b.toString();
    }

    private static boolean unsafe(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}

package io.sightline.perception.source;

import java.util.regex.Pattern;

/** The one rule for showing a source URI: credentials ({@code rtsp://user:pass@host}) are never logged or published. */
public final class SourceUris {
    private static final Pattern USER_INFO = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s\"']*@");

    private SourceUris() {
    }

    /**
     * {@code rtsp://user:pass@cam:554/s} -> {@code rtsp://***@cam:554/s}, wherever a URI stands in the text (a GStreamer
     * pipeline's {@code location=rtsp://...}, an error message quoting it); anything else unchanged.
     */
    public static String redact(String text) {
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }
}

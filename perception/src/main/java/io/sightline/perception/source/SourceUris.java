package io.sightline.perception.source;

import java.util.regex.Pattern;

/** The one rule for showing a source URI: credentials ({@code rtsp://user:pass@host}) are never logged or published. */
public final class SourceUris {
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    private SourceUris() {
    }

    /** {@code rtsp://user:pass@cam:554/s} -> {@code rtsp://***@cam:554/s}; anything else unchanged. */
    public static String redact(String uri) {
        return USER_INFO.matcher(uri).replaceFirst("$1***@");
    }
}

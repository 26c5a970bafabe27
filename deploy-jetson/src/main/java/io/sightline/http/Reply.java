package io.sightline.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a route answers: status, content type and body, built whole before it is sent (a scrape is a few kB).
 */
public record Reply(int status, String contentType, byte[] body) {
    public Reply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** A plain-text answer, e.g. a 4xx with its reason. */
    public static Reply text(int status, String text) {
        return new Reply(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}

package io.sightline.http;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One path of the HTTP port: the methods it answers (GET includes HEAD), the largest request body it reads (0 = none
 * allowed), what it answers, and how its refusals look (plain text, or e.g. an OpenAI error object).
 *
 * @param methods      "GET" and/or "POST"
 * @param maxBodyBytes bodies over this are answered 413 before they are read whole
 * @param handler      the answer to a request that passed the server's checks
 * @param refusal      status and reason -> the reply for this route's 4xx (405, 413, 400 for an unreadable body)
 */
public record Route(Set<String> methods, int maxBodyBytes, Function<Call, Reply> handler,
                    BiFunction<Integer, String, Reply> refusal) {
    public Route {
        methods = Set.copyOf(methods);
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(refusal, "refusal");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
    }

    /** A GET route without a body: {@code /metrics}, {@code /frame.jpg}. */
    public static Route get(Supplier<Reply> answer) {
        return new Route(Set.of("GET"), 0, call -> answer.get(), Reply::text);
    }

    /** A request as the route sees it: method, decoded query parameters (first value each) and the body. */
    public record Call(String method, Map<String, String> query, String contentType, byte[] body) {
        public Call {
            query = Map.copyOf(query);
            contentType = contentType == null ? "" : contentType;
            Objects.requireNonNull(body, "body");
        }
    }
}

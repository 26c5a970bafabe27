package io.sightline.http;

import io.sightline.transport.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one HTTP port, on Jetty's core server (no servlets): {@link Route}s that read what the service already
 * keeps and {@link EventStream}s held open for server-sent events, on Jetty's own small thread pool, so that a slow or
 * hostile client never touches the frame path.
 *
 * <p>Bad input is answered 4xx with a reason: Jetty's parser answers malformed requests 400, request lines over
 * {@link #MAX_URI_BYTES} 414 and header blocks over {@link #MAX_HEADER_BYTES} 431 (RFC 6585 section 5); this class
 * answers a body on a route that takes none, or one over the route's limit, 413, a method the route does not answer
 * 405, an unknown path 404 and a missing or wrong bearer token 401 (RFC 6750 section 3: the
 * {@code Authorization: Bearer} header, or the {@code access_token} query parameter of section 2.3 for browsers,
 * whose image and event-stream requests cannot carry headers).
 */
public final class ServiceHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceHttpServer.class);
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_URI_BYTES = 2 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, EventStream> streams;
    private final java.util.List<AutoCloseable> owned = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** GET routes only (what {@code /metrics} needs). */
    public ServiceHttpServer(String host, int port, Optional<Secret> token, Map<String, Supplier<Reply>> routes) {
        this(host, port, token, getRoutes(routes), Map.of());
    }

    private static Map<String, Route> getRoutes(Map<String, Supplier<Reply>> routes) {
        Map<String, Route> r = new HashMap<>();
        routes.forEach((path, answer) -> r.put(path, Route.get(answer)));
        return r;
    }

    /**
     * Binds and starts.
     *
     * @param host    address to bind
     * @param port    TCP port; 0 = any free one ({@link #port()} says which)
     * @param token   bearer token every request must carry; empty = none asked
     * @param routes  path -> what it answers
     * @param streams path -> server-sent-events stream (GET)
     * @throws IllegalStateException when the port cannot be bound (names host and port)
     */
    public ServiceHttpServer(String host, int port, Optional<Secret> token, Map<String, Route> routes,
                             Map<String, EventStream> streams) {
        this.streams = Map.copyOf(streams);
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("sightline-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Routes(Map.copyOf(routes), this.streams, token.map(Secret::revealBytes)));
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("http: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        Set<String> paths = new TreeSet<>(routes.keySet());
        paths.addAll(streams.keySet());
        log.info("http: listening on http://{}:{}/ (routes {}{})", host, port(), paths,
            token.isPresent() ? ", bearer token required" : "");
    }

    /** The bound port. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Closes {@code part} (e.g. what feeds an event stream) with the server, first. */
    public ServiceHttpServer owning(AutoCloseable part) {
        owned.add(part);
        return this;
    }

    @Override
    public void close() {
        for (AutoCloseable part : owned) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("http: closing {} failed", part, e);
            }
        }
        streams.values().forEach(EventStream::closeAll);
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("http: stopping the server failed", e);
        }
    }

    private static final class Routes extends Handler.Abstract {
        private final Map<String, Route> routes;
        private final Map<String, EventStream> streams;
        private final Optional<byte[]> expectedAuthorization;
        private final Optional<byte[]> expectedToken;
        private final Set<String> paths;

        Routes(Map<String, Route> routes, Map<String, EventStream> streams, Optional<byte[]> token) {
            this.routes = routes;
            this.streams = streams;
            this.expectedToken = token;
            this.expectedAuthorization = token.map(t -> {
                byte[] prefix = "Bearer ".getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[prefix.length + t.length];
                System.arraycopy(prefix, 0, all, 0, prefix.length);
                System.arraycopy(t, 0, all, prefix.length, t.length);
                return all;
            });
            Set<String> all = new TreeSet<>(routes.keySet());
            all.addAll(streams.keySet());
            this.paths = all;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            Route route = routes.get(path);
            Reply reply = answer(request, path, route, response, callback);
            if (reply == null) {
                return true; // an event stream holds the response open
            }
            if (reply.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"sightline\"");
            }
            if (reply.status() == 405) {
                response.getHeaders().put(HttpHeader.ALLOW, allow(route == null ? Set.of("GET") : route.methods()));
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            boolean head = HttpMethod.HEAD.is(request.getMethod());
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body()), callback);
            return true;
        }

        private static String allow(Set<String> methods) {
            Set<String> m = new TreeSet<>(methods);
            if (m.contains("GET")) {
                m.add("HEAD");
            }
            return String.join(", ", m);
        }

        private boolean authorized(Request request, Fields query) {
            if (expectedAuthorization.isEmpty()) {
                return true;
            }
            String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (given != null) {
                return MessageDigest.isEqual(expectedAuthorization.get(), given.getBytes(StandardCharsets.UTF_8));
            }
            String param = query.getValue("access_token");
            return param != null && MessageDigest.isEqual(expectedToken.get(), param.getBytes(StandardCharsets.UTF_8));
        }

        /** The reply, or null when an event stream took the response. */
        private Reply answer(Request request, String path, Route route, Response response, Callback callback) {
            if (request.getHttpURI().toString().length() > MAX_URI_BYTES) {
                return Reply.text(414, "414 URI Too Long: request target over " + MAX_URI_BYTES + " bytes");
            }
            Fields query;
            try {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                return Reply.text(400, "400 Bad Request: unreadable query string: " + e.getMessage());
            }
            if (!authorized(request, query)) {
                boolean none = request.getHeaders().get(HttpHeader.AUTHORIZATION) == null && query.getValue("access_token") == null;
                return Reply.text(401, "401 Unauthorized: " + (none ? "no" : "wrong")
                    + " bearer token (send 'Authorization: Bearer TOKEN', the configured http.token)");
            }
            String method = request.getMethod();
            EventStream stream = streams.get(path);
            if (stream != null) {
                if (!HttpMethod.GET.is(method)) {
                    return Reply.text(405, "405 Method Not Allowed: " + method + "; " + path + " is an event stream (GET)");
                }
                if (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
                    return Reply.text(413, "413 Content Too Large: a GET here carries no body");
                }
                return stream.subscribe(response, callback, null) ? null
                    : Reply.text(503, "503 Service Unavailable: " + EventStream.MAX_SUBSCRIBERS + " viewers are connected already");
            }
            if (route == null) {
                return Reply.text(404, "404 Not Found: " + path + "; this port serves " + paths);
            }
            boolean allowed = route.methods().contains(method) || HttpMethod.HEAD.is(method) && route.methods().contains("GET");
            if (!allowed) {
                return route.refusal().apply(405, "405 Method Not Allowed: " + method + "; " + path + " answers "
                    + allow(route.methods()));
            }
            long length = request.getLength();
            boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
            byte[] body = new byte[0];
            if (length > 0 || chunked) {
                if (route.maxBodyBytes() == 0) {
                    return route.refusal().apply(413, "413 Content Too Large: a " + method + " here carries no body (got "
                        + (length > 0 ? length + " bytes" : "a chunked body") + ")");
                }
                if (length > route.maxBodyBytes()) {
                    return route.refusal().apply(413, "413 Content Too Large: " + length + " bytes, over " + path
                        + "'s limit of " + route.maxBodyBytes());
                }
                try (InputStream in = Request.asInputStream(request)) {
                    body = in.readNBytes(route.maxBodyBytes() + 1);
                } catch (IOException | RuntimeException e) {
                    return route.refusal().apply(400, "400 Bad Request: the body could not be read: " + e.getMessage());
                }
                if (body.length > route.maxBodyBytes()) {
                    return route.refusal().apply(413, "413 Content Too Large: the chunked body is over " + path
                        + "'s limit of " + route.maxBodyBytes() + " bytes");
                }
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String name : query.getNames()) {
                params.put(name, query.getValue(name));
            }
            try {
                return route.handler().apply(new Route.Call(method, params,
                    request.getHeaders().get(HttpHeader.CONTENT_TYPE), body));
            } catch (RuntimeException e) {
                log.warn("http: {} failed", path, e);
                return Reply.text(500, "500 Internal Server Error: " + e);
            }
        }
    }
}

package io.sightline.http;

import io.sightline.transport.config.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
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
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one HTTP port, on Jetty's core server (no servlets): GET routes that read what the service already
 * keeps, on Jetty's own small thread pool, so that a slow or hostile client never touches the frame path.
 *
 * <p>Bad input is answered 4xx with a reason: Jetty's parser answers malformed requests 400, request lines over
 * {@link #MAX_URI_BYTES} 414 and header blocks over {@link #MAX_HEADER_BYTES} 431 (RFC 6585 section 5); this class
 * answers a request with a body 413, a method other than GET/HEAD 405, an unknown path 404 and a missing or wrong
 * bearer token 401 (RFC 6750 section 3).
 */
public final class ServiceHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceHttpServer.class);
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_URI_BYTES = 2 * 1024;

    private final Server server;
    private final ServerConnector connector;

    /**
     * Binds and starts.
     *
     * @param host   address to bind
     * @param port   TCP port; 0 = any free one ({@link #port()} says which)
     * @param token  bearer token every request must carry; empty = none asked
     * @param routes path -> what it answers
     * @throws IllegalStateException when the port cannot be bound (names host and port)
     */
    public ServiceHttpServer(String host, int port, Optional<Secret> token, Map<String, Supplier<Reply>> routes) {
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
        server.setHandler(new Routes(Map.copyOf(routes), token.map(Secret::revealBytes)));
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("http: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("http: listening on http://{}:{}/ (routes {}{})", host, port(), routes.keySet(),
            token.isPresent() ? ", bearer token required" : "");
    }

    /** The bound port. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("http: stopping the server failed", e);
        }
    }

    private static final class Routes extends Handler.Abstract {
        private final Map<String, Supplier<Reply>> routes;
        private final Optional<byte[]> expectedAuthorization;

        Routes(Map<String, Supplier<Reply>> routes, Optional<byte[]> token) {
            this.routes = routes;
            this.expectedAuthorization = token.map(t -> {
                byte[] prefix = "Bearer ".getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[prefix.length + t.length];
                System.arraycopy(prefix, 0, all, 0, prefix.length);
                System.arraycopy(t, 0, all, prefix.length, t.length);
                return all;
            });
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Reply reply = answer(request);
            if (reply.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"sightline\"");
            }
            if (reply.status() == 405) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            boolean head = HttpMethod.HEAD.is(request.getMethod());
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body()), callback);
            return true;
        }

        private Reply answer(Request request) {
            if (request.getHttpURI().toString().length() > MAX_URI_BYTES) {
                return Reply.text(414, "414 URI Too Long: request target over " + MAX_URI_BYTES + " bytes");
            }
            if (expectedAuthorization.isPresent()) {
                String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                if (given == null || !MessageDigest.isEqual(expectedAuthorization.get(),
                        given.getBytes(StandardCharsets.UTF_8))) {
                    return Reply.text(401, "401 Unauthorized: " + (given == null ? "no" : "wrong")
                        + " bearer token (send 'Authorization: Bearer TOKEN', the configured http.token)");
                }
            }
            String method = request.getMethod();
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                return Reply.text(405, "405 Method Not Allowed: " + method + "; this port serves GET and HEAD only");
            }
            long length = request.getLength();
            if (length > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
                return Reply.text(413, "413 Content Too Large: a GET here carries no body (got "
                    + (length > 0 ? length + " bytes" : "a chunked body") + ")");
            }
            String path = Request.getPathInContext(request);
            Supplier<Reply> route = routes.get(path);
            if (route == null) {
                return Reply.text(404, "404 Not Found: " + path + "; this port serves " + routes.keySet());
            }
            try {
                return route.get();
            } catch (RuntimeException e) {
                log.warn("http: {} failed", path, e);
                return Reply.text(500, "500 Internal Server Error: " + e);
            }
        }
    }
}

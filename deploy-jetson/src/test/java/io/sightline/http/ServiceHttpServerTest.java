package io.sightline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.transport.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The HTTP port on a real Jetty over loopback: routes, the bearer token, and 4xx with a reason for bad input. */
class ServiceHttpServerTest {
    private static final Map<String, Supplier<Reply>> ROUTES = Map.of("/hello", () -> Reply.text(200, "hello"));
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes {@code request} as is and returns the response's status line and body. */
    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void servesItsRoutesAndNamesThemOnA404() throws Exception {
        try (ServiceHttpServer server = new ServiceHttpServer("127.0.0.1", 0, Optional.empty(), ROUTES)) {
            HttpResponse<String> ok = get(server.port(), "/hello");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("hello\n");
            assertThat(ok.headers().firstValue("Server")).isEmpty();

            HttpResponse<String> missing = get(server.port(), "/nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("/nope").contains("/hello");
        }
    }

    @Test
    void aTokenIsAskedWhenConfigured() throws Exception {
        try (ServiceHttpServer server = new ServiceHttpServer("127.0.0.1", 0, Optional.of(Secret.of("t0k")), ROUTES)) {
            HttpResponse<String> none = get(server.port(), "/hello");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(none.body()).contains("no bearer token");
            assertThat(get(server.port(), "/hello", "Authorization", "Bearer wrong").body()).contains("wrong bearer token");
            assertThat(get(server.port(), "/hello", "Authorization", "Bearer t0k").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badRequestsGet4xxWithAReason() throws Exception {
        try (ServiceHttpServer server = new ServiceHttpServer("127.0.0.1", 0, Optional.empty(), ROUTES)) {
            int port = server.port();
            String post = raw(port, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
            assertThat(post).startsWith("HTTP/1.1 405").contains("Allow: GET, HEAD").contains("POST");

            String body = raw(port, "GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
            assertThat(body).startsWith("HTTP/1.1 413").contains("carries no body").contains("5 bytes");

            String bigHeader = raw(port, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(ServiceHttpServer.MAX_HEADER_BYTES * 2)
                + "\r\nConnection: close\r\n\r\n");
            assertThat(bigHeader).startsWith("HTTP/1.1 431");

            String longUri = raw(port, "GET /" + "a".repeat(ServiceHttpServer.MAX_URI_BYTES + 10)
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(longUri).startsWith("HTTP/1.1 414").contains("URI Too Long");

            String garbage = raw(port, "HELLO?? \u0001\u0002 what\r\n\r\n");
            assertThat(garbage).startsWith("HTTP/1.1 400");

            assertThat(get(port, "/hello").statusCode()).as("still serving after bad requests").isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsNamedInTheError() throws Exception {
        try (ServiceHttpServer first = new ServiceHttpServer("127.0.0.1", 0, Optional.empty(), ROUTES)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> new ServiceHttpServer("127.0.0.1", first.port(), Optional.empty(), ROUTES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.1:" + first.port());
        }
    }

    @Test
    void aPostRouteReadsItsBodyUpToItsLimit() throws Exception {
        Route echo = new Route(java.util.Set.of("POST"), 16, call -> Reply.text(200, "got " + new String(call.body(),
            StandardCharsets.UTF_8) + " q=" + call.query().get("q")), (status, reason) -> Reply.text(status, "json " + reason));
        try (ServiceHttpServer server = new ServiceHttpServer("127.0.0.1", 0, Optional.empty(), Map.of("/echo", echo), Map.of())) {
            int port = server.port();
            assertThat(raw(port, "POST /echo?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"))
                .startsWith("HTTP/1.1 200").contains("got hello q=1");
            assertThat(raw(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\nConnection: close\r\n\r\n" + "a".repeat(17)))
                .startsWith("HTTP/1.1 413").contains("json 413").contains("17 bytes, over /echo's limit of 16");
            assertThat(raw(port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "11\r\n" + "a".repeat(17) + "\r\n0\r\n\r\n")).startsWith("HTTP/1.1 413").contains("chunked body is over");
            assertThat(raw(port, "GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405").contains("Allow: POST").contains("json 405");
        }
    }

    @Test
    void anEventStreamSendsWhatIsPublishedAndTheTokenMayComeAsAQueryParameter() throws Exception {
        EventStream events = new EventStream();
        try (ServiceHttpServer server = new ServiceHttpServer("127.0.0.1", 0, Optional.of(Secret.of("t0k")), Map.of(),
                Map.of("/events", events))) {
            assertThat(get(server.port(), "/events").statusCode()).isEqualTo(401);
            assertThat(get(server.port(), "/events?access_token=nope").body()).contains("wrong bearer token");
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /events?access_token=t0k HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                StringBuilder got = new StringBuilder();
                long end = System.nanoTime() + 10_000_000_000L;
                while (events.subscribers() == 0 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                events.publish("{\"seq\":7}");
                byte[] buf = new byte[4096];
                while (!got.toString().contains("data: {\"seq\":7}\n\n")) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
                assertThat(got.toString()).startsWith("HTTP/1.1 200").contains("text/event-stream").contains("data: {\"seq\":7}\n\n");
            }
        }
    }
}

package io.sightline.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A server-sent-events stream ({@code text/event-stream}, WHATWG HTML section 9.2): subscribers are held open and
 * {@link #publish} writes one event to each without blocking. A subscriber whose previous event is still being sent
 * (a slow client) skips this one; one whose connection failed is dropped. At most {@link #MAX_SUBSCRIBERS} at once
 * (the next is answered 503).
 */
public final class EventStream {
    static final int MAX_SUBSCRIBERS = 16;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    private static final class Subscriber {
        final Response response;
        final Callback done;
        final AtomicBoolean writing = new AtomicBoolean();

        Subscriber(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }
    }

    /** Connected subscribers now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Holds {@code response} open as a subscriber; false when there are {@link #MAX_SUBSCRIBERS} already. */
    boolean subscribe(Response response, Callback done, String first) {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            return false;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Subscriber s = new Subscriber(response, done);
        subscribers.add(s);
        send(s, "retry: 1000\n" + (first == null ? ": hello\n\n" : event(first)));
        return true;
    }

    /** Sends {@code data} (one JSON line) as a {@code message} event to every subscriber that is not behind. */
    public void publish(String data) {
        String e = event(data);
        for (Subscriber s : subscribers) {
            send(s, e);
        }
    }

    /** A comment line, which keeps idle connections from timing out and finds the dead ones. */
    public void ping() {
        for (Subscriber s : subscribers) {
            send(s, ": ping\n\n");
        }
    }

    /** Ends every stream (the server is stopping). */
    public void closeAll() {
        for (Subscriber s : subscribers) {
            if (subscribers.remove(s)) {
                s.response.write(true, ByteBuffer.allocate(0), s.done);
            }
        }
    }

    private static String event(String data) {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's data is one line");
        }
        return "data: " + data + "\n\n";
    }

    private void send(Subscriber s, String text) {
        if (!s.writing.compareAndSet(false, true)) {
            return; // still sending the previous event: this one is skipped for it
        }
        s.response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Callback.from(
            () -> s.writing.set(false),
            failure -> {
                if (subscribers.remove(s)) {
                    s.done.failed(failure);
                }
            }));
    }
}

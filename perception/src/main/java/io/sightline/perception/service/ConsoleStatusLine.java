package io.sightline.perception.service;

import java.util.Locale;

/**
 * The one-line live status {@code sightline run} redraws on stderr once a second:
 * {@code cam0 ONLINE | 9.8 fps | p50 84 ms | 5 objects | 12 dropped | mqtt up | onnxruntime-cpu-fp32}.
 * MQTT has no subscriber count a client can ask every broker for, so the line shows whether the service's
 * own connection is up instead.
 */
public final class ConsoleStatusLine {
    private ConsoleStatusLine() {}

    public static String render(ServiceMetrics.Snapshot m, String cameraId, String state, boolean mqttUp, String backendId) {
        return String.format(Locale.ROOT, "%s %s | %.1f fps | p50 %.0f ms | %d objects | %d dropped | mqtt %s | %s",
            cameraId, state, m.fps(), m.p50().totalNanos() / 1e6, m.lastObjects(), m.dropped(), mqttUp ? "up" : "down",
            backendId);
    }
}

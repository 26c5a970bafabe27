package io.sightline.perception.service;

import io.sightline.perception.source.SourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why the service is DEGRADED, if it is (ARCHITECTURE.md section 9): the camera is missing or reconnecting,
 * a finite source has ended, or {@code backend: auto} fell back to the CPU on a machine that has a GPU
 * (a silent CPU fallback is a bug; on a machine without a GPU the CPU backend is the expected one, and the
 * status still says why in {@code backend_reason}).
 *
 * @param sourceName      the source as logs name it ("camera /dev/video0")
 * @param backendFallback set when auto fell back to the CPU although a GPU is present
 * @param groundingUnavailable set when the pack has no language decoder: detection runs, grounding requests are
 *                        answered UNAVAILABLE, and the status says why for as long as the service runs
 */
public record ServiceCondition(String sourceName, Optional<String> backendFallback, Optional<String> groundingUnavailable) {
    /** A service whose pack can ground. */
    public ServiceCondition(String sourceName, Optional<String> backendFallback) {
        this(sourceName, backendFallback, Optional.empty());
    }

    /** The reasons for DEGRADED now; empty = ONLINE. */
    /**
     * @param recentErrors frames that failed in the pipeline since the previous check
     * @param lastError    the last such failure
     */
    public List<String> reasons(SourceStatus source, long recentErrors, String lastError) {
        List<String> out = new ArrayList<>();
        String why = source.reason().isEmpty() ? "" : ": " + source.reason();
        switch (source.state()) {
            case RECONNECTING, DEGRADED -> out.add("source " + sourceName + " unavailable, reconnecting" + why);
            case FAILED -> out.add("source " + sourceName + " failed" + why);
            case ENDED -> out.add("source " + sourceName + " ended; no new frames" + why);
            default -> {
                // CONNECTING, STREAMING, CLOSED: nothing wrong with the camera
            }
        }
        backendFallback.ifPresent(out::add);
        groundingUnavailable.ifPresent(out::add);
        if (recentErrors > 0) {
            out.add(recentErrors + " frame(s) failed in the pipeline in the last second; last: " + lastError);
        }
        return out;
    }
}

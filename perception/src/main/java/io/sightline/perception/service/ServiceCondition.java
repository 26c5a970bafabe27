package io.sightline.perception.service;

import io.sightline.perception.source.SourceStatus;
import io.sightline.transport.v1.ServiceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's state and why (ARCHITECTURE.md section 9), the one place that decides it. The source comes first:
 * FAILED when it failed for good, ENDED when a finite source delivered its last frame, RECONNECTING while a camera
 * is missing or lost; then STARTING until the first frame went through the pipeline; then DEGRADED when anything
 * else is wrong (frames failing in the pipeline, {@code backend: auto} fell back to the CPU on a machine that has a
 * GPU: a silent CPU fallback is a bug; on a machine without a GPU the CPU backend is the expected one, and the status
 * still says why in {@code backend_reason}); else ONLINE. Every reason is listed whatever the state.
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

    /**
     * A state with its reasons ({@code degraded_reasons}); empty reasons only when ONLINE.
     *
     * @param state   the wire state to publish
     * @param reasons why the state is not ONLINE, one line each
     */
    public record Assessment(ServiceState state, List<String> reasons) {
        public Assessment {
            Objects.requireNonNull(state, "state");
            reasons = List.copyOf(reasons);
        }

        public boolean online() {
            return state == ServiceState.SERVICE_STATE_ONLINE;
        }

        /** The state without the wire prefix, for logs and the console line: ONLINE, STARTING, ENDED... */
        public String label() {
            return state.name().substring("SERVICE_STATE_".length());
        }
    }

    /**
     * @param source         the source now
     * @param firstFrameDone whether a frame has gone through the pipeline
     * @param recentErrors   frames that failed in the pipeline since the previous check
     * @param lastError      the last such failure
     */
    public Assessment assess(SourceStatus source, boolean firstFrameDone, long recentErrors, String lastError) {
        return assess(source, firstFrameDone, recentErrors, lastError, Optional.empty());
    }

    /**
     * As above, with the recorder's failure (a full disk): the pipeline goes on, the status says DEGRADED and why.
     *
     * @param recordingFailure why recording stopped; empty while it works or when nothing is recorded
     */
    public Assessment assess(SourceStatus source, boolean firstFrameDone, long recentErrors, String lastError,
                             Optional<String> recordingFailure) {
        List<String> out = new ArrayList<>();
        String why = source.reason().isEmpty() ? "" : ": " + source.reason();
        ServiceState state = switch (source.state()) {
            case FAILED -> {
                out.add("source " + sourceName + " failed" + why);
                yield ServiceState.SERVICE_STATE_FAILED;
            }
            case ENDED -> {
                out.add("source " + sourceName + " ended; no new frames" + why);
                yield ServiceState.SERVICE_STATE_ENDED;
            }
            case RECONNECTING, DEGRADED -> {
                out.add("source " + sourceName + " unavailable, reconnecting" + why);
                yield ServiceState.SERVICE_STATE_RECONNECTING;
            }
            case CONNECTING, STREAMING, CLOSED -> {
                if (!firstFrameDone) {
                    out.add("starting: no frame processed yet from " + sourceName);
                    yield ServiceState.SERVICE_STATE_STARTING;
                }
                yield ServiceState.SERVICE_STATE_ONLINE;
            }
        };
        backendFallback.ifPresent(out::add);
        groundingUnavailable.ifPresent(out::add);
        recordingFailure.ifPresent(out::add);
        if (recentErrors > 0) {
            out.add(recentErrors + " frame(s) failed in the pipeline in the last second; last: " + lastError);
        }
        if (state == ServiceState.SERVICE_STATE_ONLINE && !out.isEmpty()) {
            state = ServiceState.SERVICE_STATE_DEGRADED;
        }
        return new Assessment(state, out);
    }
}

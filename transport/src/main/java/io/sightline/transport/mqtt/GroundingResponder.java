package io.sightline.transport.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code ground/request} (MQTT 5 request/response, section 4.10): parses and checks each request,
 * runs the {@link GroundingHandler} on one worker thread, and answers on the request's response topic
 * with its correlation data echoed (or on {@code ground/result} when it names none).
 *
 * <p>Idempotent: results are cached by request_id (bounded, most recent kept), and a repeat that arrives
 * while the first is still running waits for the same answer, so a requester that retries after a lost
 * response never triggers a second inference. Malformed, oversized or incomplete requests get ERROR with a
 * reason and are counted; nothing a requester sends can stop the service.
 */
public final class GroundingResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroundingResponder.class);
    private static final int MAX_EXPRESSION_CHARS = 1000;

    private final SightlineMqttClient client;
    private final GroundingHandler handler;
    private final int maxRequestBytes;
    private final long defaultTimeoutMillis;
    private final int cacheSize;
    private final Map<String, CompletableFuture<GroundingResult>> results;
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    private final LongAdder requests = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder repeats = new LongAdder();

    /** Counters since start; {@code errors} includes {@code malformed}. */
    public record Counters(long requests, long malformed, long errors, long repeats) {
    }

    /**
     * @param sharedGroup non-null: subscribe as {@code $share/<group>/...} so several instances split the requests
     */
    public GroundingResponder(SightlineMqttClient client, GroundingHandler handler, int maxRequestBytes,
                              long defaultTimeoutMillis, int cacheSize, String sharedGroup) {
        this.client = client;
        this.handler = handler;
        this.maxRequestBytes = maxRequestBytes;
        this.defaultTimeoutMillis = defaultTimeoutMillis;
        this.cacheSize = cacheSize;
        this.results = new LinkedHashMap<>(16, 0.75f, false);
        AtomicInteger n = new AtomicInteger();
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "sightline-grounding-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sightline-grounding-timer"));
        String filter = client.topics().groundRequest();
        client.subscribe(sharedGroup == null ? filter : Topics.shared(sharedGroup, filter), Channel.GROUND_REQUEST.qos(),
                this::onRequest);
    }

    public Counters counters() {
        return new Counters(requests.sum(), malformed.sum(), errors.sum(), repeats.sum());
    }

    void onRequest(InboundMessage in) {
        requests.increment();
        long arrived = System.nanoTime();
        String replyTo = replyTopic(in.responseTopic());
        if (in.payload().size() > maxRequestBytes) {
            reject(replyTo, in.correlationData(), "", "request of " + in.payload().size()
                    + " bytes exceeds the limit of " + maxRequestBytes + " bytes (mqtt.max_request_bytes)");
            return;
        }
        GroundingRequest request;
        try {
            request = GroundingRequest.parseFrom(in.payload());
        } catch (InvalidProtocolBufferException e) {
            reject(replyTo, in.correlationData(), "", "malformed GroundingRequest: " + e.getMessage());
            return;
        }
        String problem = problemWith(request);
        if (problem != null) {
            reject(replyTo, in.correlationData(), request.getRequestId(), problem);
            return;
        }
        CompletableFuture<GroundingResult> answer;
        boolean repeat;
        synchronized (results) {
            answer = results.get(request.getRequestId());
            repeat = answer != null;
            if (!repeat) {
                answer = start(request, arrived);
                results.put(request.getRequestId(), answer);
                while (results.size() > cacheSize) {
                    results.remove(results.keySet().iterator().next());
                }
            }
        }
        if (repeat) {
            repeats.increment();
        }
        answer.thenAccept(result -> client.publishResult(replyTo, in.correlationData(), result));
    }

    private CompletableFuture<GroundingResult> start(GroundingRequest request, long arrivedNanos) {
        CompletableFuture<GroundingResult> answer = new CompletableFuture<>();
        long timeoutMillis = request.hasDeadline()
                ? Instant.ofEpochSecond(request.getDeadline().getSeconds(), request.getDeadline().getNanos()).toEpochMilli()
                  - System.currentTimeMillis()
                : defaultTimeoutMillis;
        if (timeoutMillis <= 0) {
            answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_TIMEOUT,
                    "deadline passed before the request arrived", arrivedNanos));
            return answer;
        }
        try {
            timer.schedule(() -> answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_TIMEOUT,
                    "no answer within " + timeoutMillis + " ms", arrivedNanos)), timeoutMillis, TimeUnit.MILLISECONDS);
            worker.execute(() -> {
                if (answer.isDone()) {
                    return;
                }
                try {
                    GroundingResult r = handler.ground(request);
                    answer.complete(completed(request, r, arrivedNanos));
                } catch (Exception | LinkageError e) {
                    errors.increment();
                    log.warn("grounding request {} failed", request.getRequestId(), e);
                    answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_ERROR,
                            "grounding failed: " + e, arrivedNanos));
                }
            });
        } catch (RejectedExecutionException e) {
            answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_UNAVAILABLE, "service is shutting down", arrivedNanos));
        }
        return answer;
    }

    private static String problemWith(GroundingRequest request) {
        if (request.getRequestId().isBlank()) {
            return "request_id is empty";
        }
        if (request.getExpression().isBlank()) {
            return "expression is empty";
        }
        if (request.getExpression().length() > MAX_EXPRESSION_CHARS) {
            return "expression has " + request.getExpression().length() + " characters, more than " + MAX_EXPRESSION_CHARS;
        }
        return null;
    }

    private void reject(String replyTo, Optional<CorrelationData> correlation, String requestId, String reason) {
        malformed.increment();
        errors.increment();
        log.warn("rejected grounding request '{}': {}", requestId, reason);
        client.publishResult(replyTo, correlation, GroundingResult.newBuilder()
                .setRequestId(requestId).setStatus(GroundingStatus.GROUNDING_STATUS_ERROR).setError(reason).build());
    }

    /** The requester's response topic when it is a valid topic name (no wildcards), else ground/result. */
    private String replyTopic(Optional<String> requested) {
        return requested.filter(t -> !t.isEmpty()).filter(this::validTopicName).orElse(client.topics().groundResult());
    }

    private boolean validTopicName(String responseTopic) {
        try {
            MqttTopicValidator.validate(responseTopic, false, true);
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("response topic '{}' is not a valid topic name; answering on {}", responseTopic,
                    client.topics().groundResult());
            return false;
        }
    }

    /** The answer to {@code request}: its request_id and expression, and the latency since arrival unless the handler set one. */
    private static GroundingResult completed(GroundingRequest request, GroundingResult r, long arrivedNanos) {
        GroundingResult.Builder b = r.toBuilder().setRequestId(request.getRequestId()).setExpression(request.getExpression());
        if (b.getLatencyMs() == 0) {
            b.setLatencyMs((System.nanoTime() - arrivedNanos) / 1e6);
        }
        return b.build();
    }

    private static GroundingResult failure(GroundingRequest request, GroundingStatus status, String reason, long arrivedNanos) {
        return completed(request, GroundingResult.newBuilder().setStatus(status).setError(reason).build(), arrivedNanos);
    }

    static Timestamp deadlineIn(long millis) {
        Instant t = Instant.now().plusMillis(millis);
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops the worker threads; the MQTT client is closed by its owner. */
    @Override
    public void close() {
        worker.shutdownNow();
        timer.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.sightline.transport.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import io.sightline.transport.v1.GroundingTask;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code ground/request} (MQTT 5 request/response, section 4.10): checks each request, runs the
 * {@link GroundingHandler} on one worker thread, and answers on the request's response topic with its correlation
 * data echoed (or on {@code ground/result} when it names none).
 *
 * <p>What a requester may not do (issue 25): make the service publish outside the topics {@link ResponseTopicPolicy}
 * allows (ERROR on {@code ground/result}); keep memory (request_id, expression, camera_id and correlation data are
 * bounded and echoed only within their bounds, deadlines are clamped to {@code maxDeadlineMs}, the timeout timer is
 * cancelled when the answer comes, the cache is bounded in entries and bytes); overload the service (a bounded queue
 * answers BUSY at once when full, each client, i.e. response topic, is held to {@code ratePerClient} requests a
 * second and answered BUSY once when over it, then dropped until its rate falls); flood or forge the log (warnings
 * about client input are rate-limited and escaped). Answers come by the deadline or not at all: a request whose
 * deadline passes in the queue is answered TIMEOUT by its timer and never run. Immediate refusals (BUSY, ERROR) are
 * answered at most {@code refusalsPerSecond} a second, all requesters together; the rest are dropped unanswered and
 * counted, so that a flood of requests does not become a flood of answers that delays the detections.
 *
 * <p>Idempotent: answers are cached by (client, request_id) with the hash of the question, and a repeat that
 * arrives while the first is still running waits for the same answer, so a requester that retries after a lost
 * response never triggers a second inference; a request_id re-used for another question gets ERROR.
 */
public final class GroundingResponder implements AutoCloseable {
    static final int MAX_EXPRESSION_CHARS = 1000;
    static final int MAX_REQUEST_ID_CHARS = 128;
    static final int MAX_CAMERA_ID_CHARS = 64;
    static final int MAX_CORRELATION_BYTES = 256;
    /** Rate-limit buckets kept; see {@link ClientRateLimit}. */
    private static final int MAX_CLIENTS = 1024;
    private static final int SHOWN_CHARS = 64;
    private static final Logger log = LoggerFactory.getLogger(GroundingResponder.class);

    /** Where answers go ({@link SightlineMqttClient#publishResult}). */
    @FunctionalInterface
    interface ResultSink {
        /** @param sendByNanos {@link System#nanoTime()} after which the answer is dropped unsent (on time or not at all) */
        void publish(String topic, Optional<CorrelationData> correlationData, GroundingResult result, long sendByNanos);
    }

    /**
     * How long past its request's deadline an answer may still go out: a TIMEOUT answer is made at the deadline, and an
     * immediate answer (ERROR, BUSY) that cannot be sent within this long is dropped rather than queued behind a flood.
     */
    static final long ANSWER_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final GroundingHandler handler;
    private final GroundingSettings settings;
    private final ResultSink sink;
    private final ResponseTopicPolicy topicPolicy;
    private final ClientRateLimit rateLimit;
    private final ResultCache cache;
    private final LimitedWarnings warnings = new LimitedWarnings(log, 5, 10);
    private final ThreadPoolExecutor worker;
    private final ScheduledThreadPoolExecutor timer;
    private final LongAdder requests = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder repeats = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final LongAdder refusalsDropped = new LongAdder();
    /** Immediate refusals (BUSY, ERROR) answered, all requesters together: a flood is not answered by a flood. */
    private final TokenBucket refusals;

    /**
     * Counters since start; {@code errors} includes {@code malformed}; {@code busy}: shed (BUSY or dropped);
     * {@code refusalsDropped}: BUSY or ERROR answers not sent because {@code refusalsPerSecond} was spent.
     */
    public record Counters(long requests, long malformed, long errors, long repeats, long busy, long refusalsDropped) {
    }

    /** Serves {@code client}'s robot: subscribes {@code ground/request} (shared when the settings name a group). */
    public GroundingResponder(SightlineMqttClient client, GroundingHandler handler, GroundingSettings settings) {
        this(client.topics(), client::publishResult, handler, settings);
        String filter = client.topics().groundRequest();
        client.subscribe(settings.sharedGroup().map(g -> Topics.shared(g, filter)).orElse(filter),
                Channel.GROUND_REQUEST.qos(), this::onRequest);
    }

    /** Without a subscription: {@link #onRequest} is called by the test. */
    GroundingResponder(Topics topics, ResultSink sink, GroundingHandler handler, GroundingSettings settings) {
        this.handler = handler;
        this.settings = settings;
        this.sink = sink;
        this.topicPolicy = new ResponseTopicPolicy(topics, settings.responsePrefixes());
        this.rateLimit = new ClientRateLimit(settings.ratePerClient(), MAX_CLIENTS);
        this.cache = new ResultCache(settings.cacheEntries(), settings.cacheBytes());
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.queueSize()),
                r -> daemon(r, "sightline-grounding-1"));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "sightline-grounding-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.refusals = new TokenBucket(settings.refusalsPerSecond(), settings.refusalsPerSecond(), System.nanoTime());
    }

    public Counters counters() {
        return new Counters(requests.sum(), malformed.sum(), errors.sum(), repeats.sum(), busy.sum(), refusalsDropped.sum());
    }

    /** Entries and bytes the idempotency cache holds now. */
    long cachedEntries() {
        return cache.size();
    }

    long cachedBytes() {
        return cache.bytes();
    }

    void onRequest(InboundMessage in) {
        requests.increment();
        long arrived = System.nanoTime();
        ResponseTopicPolicy.Route route = topicPolicy.route(in.responseTopic());
        switch (rateLimit.admit(route.client(), arrived)) {
            case ADMIT -> { }
            case SHED_AND_ANSWER -> {
                shed(route.topic(), boundedCorrelation(in), "more than " + rateLimit.perSecond()
                        + " requests a second for " + ClientText.safe(route.client(), SHOWN_CHARS)
                        + " (mqtt.grounding_rate_per_client); further requests are dropped until the rate falls");
                return;
            }
            case SHED_SILENTLY -> {
                busy.increment();
                return;
            }
        }
        Optional<CorrelationData> correlation = boundedCorrelation(in);
        if (in.correlationData().isPresent() && correlation.isEmpty()) {
            reject(route.topic(), correlation, "", "correlation data of " + in.correlationData().get().bytes().size()
                    + " bytes exceeds the limit of " + MAX_CORRELATION_BYTES + " bytes");
            return;
        }
        if (in.payload().size() > settings.maxRequestBytes()) {
            reject(route.topic(), correlation, "", "request of " + in.payload().size() + " bytes exceeds the limit of "
                    + settings.maxRequestBytes() + " bytes (mqtt.max_request_bytes)");
            return;
        }
        GroundingRequest request;
        try {
            request = GroundingRequest.parseFrom(in.payload());
        } catch (InvalidProtocolBufferException e) {
            reject(route.topic(), correlation, "", "malformed GroundingRequest: " + ClientText.safe(String.valueOf(e.getMessage()), 200));
            return;
        }
        String id = request.getRequestId();
        if (id.length() > MAX_REQUEST_ID_CHARS) {
            reject(route.topic(), correlation, "", "request_id of " + id.length() + " characters is longer than "
                    + MAX_REQUEST_ID_CHARS);
            return;
        }
        Optional<String> problem = problemWith(request).or(route::refusal);
        if (problem.isPresent()) {
            reject(route.topic(), correlation, id, problem.get());
            return;
        }
        ResultCache.Key key = new ResultCache.Key(route.client(), id);
        ResultCache.Claim claim = cache.claim(key, ResultCache.question(request), () -> start(request, arrived));
        CompletableFuture<GroundingResult> answer;
        if (claim instanceof ResultCache.Claim.Repeat repeat) {
            repeats.increment();
            answer = repeat.answer();
        } else if (claim instanceof ResultCache.Claim.Started started) {
            answer = started.answer();
            answer.thenAccept(r -> {
                if (r.getStatus() == GroundingStatus.GROUNDING_STATUS_BUSY) {
                    cache.forget(key, started.answer()); // a retry may run
                }
            });
        } else {
            reject(route.topic(), correlation, id, "request_id '" + ClientText.safe(id, SHOWN_CHARS)
                    + "' was used before for another expression or camera; use a new request_id");
            return;
        }
        long sendBy = arrived + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis(request))) + ANSWER_GRACE_NANOS;
        answer.thenAccept(result -> {
            if (result.getStatus() != GroundingStatus.GROUNDING_STATUS_BUSY || mayRefuse()) {
                sink.publish(route.topic(), correlation, result, sendBy);
            }
        });
    }

    /** Whether one more immediate refusal may be answered now; counts the one that may not. */
    private boolean mayRefuse() {
        if (refusals.tryTake(System.nanoTime())) {
            return true;
        }
        refusalsDropped.increment();
        return false;
    }

    private static Optional<CorrelationData> boundedCorrelation(InboundMessage in) {
        return in.correlationData().filter(c -> c.bytes().size() <= MAX_CORRELATION_BYTES);
    }

    private CompletableFuture<GroundingResult> start(GroundingRequest request, long arrivedNanos) {
        CompletableFuture<GroundingResult> answer = new CompletableFuture<>();
        long timeoutMillis = timeoutMillis(request);
        if (timeoutMillis <= 0) {
            answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_TIMEOUT,
                    "deadline passed before the request arrived", arrivedNanos));
            return answer;
        }
        long deadlineNanos = arrivedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> answer.complete(failure(request,
                    GroundingStatus.GROUNDING_STATUS_TIMEOUT, "no answer within " + timeoutMillis + " ms", arrivedNanos)),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            answer.whenComplete((r, e) -> timeout.cancel(false)); // the timer lets go of the request at once
            worker.execute(() -> run(request, answer, arrivedNanos, deadlineNanos));
        } catch (RejectedExecutionException e) {
            if (worker.isShutdown() || timer.isShutdown()) {
                answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_UNAVAILABLE, "service is shutting down", arrivedNanos));
            } else {
                busy.increment();
                answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_BUSY, settings.queueSize()
                        + " requests are waiting already (mqtt.grounding_queue_size); try again later", arrivedNanos));
            }
        }
        return answer;
    }

    /** Runs the handler unless the answer is settled (TIMEOUT while queued): answers by the deadline or not at all. */
    private void run(GroundingRequest request, CompletableFuture<GroundingResult> answer, long arrivedNanos, long deadlineNanos) {
        if (answer.isDone() || System.nanoTime() - deadlineNanos >= 0) {
            return;
        }
        try {
            answer.complete(completed(request, handler.ground(request), arrivedNanos));
        } catch (Exception | LinkageError e) {
            errors.increment();
            warnings.warn("grounding request '" + ClientText.safe(request.getRequestId(), SHOWN_CHARS) + "' failed", e);
            answer.complete(failure(request, GroundingStatus.GROUNDING_STATUS_ERROR, "grounding failed: " + e, arrivedNanos));
        }
    }

    /** Milliseconds from now to the request's deadline (the default when it has none), at most the configured maximum. */
    private long timeoutMillis(GroundingRequest request) {
        if (!request.hasDeadline()) {
            return settings.defaultTimeoutMs();
        }
        Timestamp d = request.getDeadline();
        long nowSeconds = Instant.now().getEpochSecond();
        long maxSeconds = settings.maxDeadlineMs() / 1000 + 1;
        if (d.getSeconds() > nowSeconds + maxSeconds) {
            return settings.maxDeadlineMs(); // also any far or out-of-range timestamp (no overflow below)
        }
        if (d.getSeconds() < nowSeconds - 1) {
            return 0;
        }
        long millis = Instant.ofEpochSecond(d.getSeconds(), d.getNanos()).toEpochMilli() - System.currentTimeMillis();
        return Math.min(millis, settings.maxDeadlineMs());
    }

    /** The request's task: GROUND when unset (requests of clients older than the field). */
    public static GroundingTask task(GroundingRequest request) {
        return request.getTask() == GroundingTask.GROUNDING_TASK_UNSPECIFIED ? GroundingTask.GROUNDING_TASK_GROUND : request.getTask();
    }

    /**
     * What breaks the request rules (ids, expression and camera id bounds; an expression for GROUND and ASK), empty
     * when none: one rule for every way in. A task this service does not know is the handler's to refuse.
     */
    public static Optional<String> problemWith(GroundingRequest request) {
        if (request.getRequestId().isBlank()) {
            return Optional.of("request_id is empty");
        }
        GroundingTask task = task(request);
        if (request.getExpression().isBlank() && task != GroundingTask.GROUNDING_TASK_DETECT
                && task != GroundingTask.GROUNDING_TASK_DESCRIBE) {
            return Optional.of(task == GroundingTask.GROUNDING_TASK_ASK ? "the question is empty" : "expression is empty");
        }
        if (request.getExpression().length() > MAX_EXPRESSION_CHARS) {
            return Optional.of("expression has " + request.getExpression().length() + " characters, more than " + MAX_EXPRESSION_CHARS);
        }
        if (request.getCameraId().length() > MAX_CAMERA_ID_CHARS) {
            return Optional.of("camera_id has " + request.getCameraId().length() + " characters, more than " + MAX_CAMERA_ID_CHARS);
        }
        return Optional.empty();
    }

    /** ERROR for a request that breaks a rule; {@code requestId} is echoed only within its bound. */
    private void reject(String topic, Optional<CorrelationData> correlation, String requestId, String reason) {
        malformed.increment();
        errors.increment();
        warnings.warn("rejected grounding request '" + ClientText.safe(requestId, SHOWN_CHARS) + "': " + reason);
        if (!mayRefuse()) {
            return;
        }
        sink.publish(topic, correlation, GroundingResult.newBuilder().setRequestId(requestId)
                .setStatus(GroundingStatus.GROUNDING_STATUS_ERROR).setError(reason).build(), System.nanoTime() + ANSWER_GRACE_NANOS);
    }

    private void shed(String topic, Optional<CorrelationData> correlation, String reason) {
        busy.increment();
        warnings.warn("shed grounding requests: " + reason);
        if (!mayRefuse()) {
            return;
        }
        sink.publish(topic, correlation, GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_BUSY)
                .setError(reason).build(), System.nanoTime() + ANSWER_GRACE_NANOS);
    }

    /** The answer to {@code request}: its request_id and expression, and the latency since arrival unless the handler set one. */
    private static GroundingResult completed(GroundingRequest request, GroundingResult r, long arrivedNanos) {
        GroundingResult.Builder b = r.toBuilder().setRequestId(request.getRequestId()).setExpression(request.getExpression())
                .setTaskValue(request.getTaskValue() == 0 ? GroundingTask.GROUNDING_TASK_GROUND_VALUE : request.getTaskValue());
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

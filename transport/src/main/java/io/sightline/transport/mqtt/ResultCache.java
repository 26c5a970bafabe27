package io.sightline.transport.mqtt;

import com.google.protobuf.ByteString;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The idempotency cache of the grounding responder: answers (pending or done) by (client, request_id), each with the
 * hash of what was asked (expression and camera), so a repeat gets the same answer and a request_id re-used for
 * another question is told so instead of getting the old answer. Bounded in entries and in bytes (an estimate of the
 * memory an entry keeps: its key and its result); the oldest entries go first. Thread-safe.
 */
final class ResultCache {
    /** Memory of an entry besides its strings and result: map node, key, entry, future, hash. */
    private static final long ENTRY_OVERHEAD_BYTES = 256;

    record Key(String client, String requestId) {
    }

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** The same question was asked before: its answer, pending or done. */
        record Repeat(CompletableFuture<GroundingResult> answer) implements Claim {
        }

        /** The request_id was used before for another question. */
        record Conflict() implements Claim {
        }

        /** New: the answer just started. */
        record Started(CompletableFuture<GroundingResult> answer) implements Claim {
        }
    }

    private static final class Entry {
        final ByteString question;
        final CompletableFuture<GroundingResult> answer;
        long bytes;

        Entry(ByteString question, CompletableFuture<GroundingResult> answer, long bytes) {
            this.question = question;
            this.answer = answer;
            this.bytes = bytes;
        }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private long bytes;

    ResultCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The SHA-256 of what a request asks (expression, camera and task; unset task = GROUND), not of its deadline. */
    static ByteString question(GroundingRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(request.getExpression().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(request.getCameraId().getBytes(StandardCharsets.UTF_8));
            if (GroundingResponder.task(request) != io.sightline.transport.v1.GroundingTask.GROUNDING_TASK_GROUND) {
                sha.update((byte) 0);
                sha.update(Integer.toString(request.getTaskValue()).getBytes(StandardCharsets.UTF_8)); // old GROUND hashes unchanged
            }
            return ByteString.copyFrom(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** The earlier answer to the same question, a conflict, or the answer {@code start} begins (then remembered). */
    Claim claim(Key key, ByteString question, Supplier<CompletableFuture<GroundingResult>> start) {
        CompletableFuture<GroundingResult> started;
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null) {
                return e.question.equals(question) ? new Claim.Repeat(e.answer) : new Claim.Conflict();
            }
            started = start.get();
            if (maxEntries > 0) {
                Entry added = new Entry(question, started, keyBytes(key));
                entries.put(key, added);
                bytes += added.bytes;
                evict();
            }
        }
        started.thenAccept(result -> resized(key, started, result));
        return new Claim.Started(started);
    }

    /** Forgets {@code answer} (a BUSY answer, so that a retry runs). */
    synchronized void forget(Key key, CompletableFuture<GroundingResult> answer) {
        Entry e = entries.get(key);
        if (e != null && e.answer == answer) {
            entries.remove(key);
            bytes -= e.bytes;
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private synchronized void resized(Key key, CompletableFuture<GroundingResult> answer, GroundingResult result) {
        Entry e = entries.get(key);
        if (e == null || e.answer != answer) {
            return; // evicted while pending
        }
        long now = keyBytes(key) + 2L * result.getSerializedSize();
        bytes += now - e.bytes;
        e.bytes = now;
        evict();
    }

    private void evict() {
        Iterator<Entry> oldest = entries.values().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
            bytes -= oldest.next().bytes;
            oldest.remove();
        }
    }

    private static long keyBytes(Key key) {
        return ENTRY_OVERHEAD_BYTES + 2L * (key.client().length() + key.requestId().length());
    }
}

package io.sightline.transport.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages handed over by callers, waiting for the one publisher thread. Offering never blocks beyond a
 * short lock: latest-wins messages (detections, scene, health, status) keep at most {@code latestDepth}
 * unsent messages per topic, dropping the oldest (depth 1 while offline, so only the newest survives an
 * outage; a few while online, so a publisher thread descheduled for a moment does not cost frames);
 * queued messages (events, grounding results) go into a bounded FIFO that drops its oldest entry when
 * full. Both kinds are dropped unsent once past their discard time. Every drop is counted.
 */
final class Outbox {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Deque<OutboundMessage> queue = new ArrayDeque<>();
    private final Map<String, Deque<OutboundMessage>> latest = new LinkedHashMap<>();
    private int latestDepth = 1;
    private boolean wakeRequested;

    final LongAdder replaced = new LongAdder();
    final LongAdder droppedFull = new LongAdder();
    final LongAdder droppedExpired = new LongAdder();

    Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity " + capacity + " must be >= 1");
        }
        this.capacity = capacity;
    }

    void offer(OutboundMessage m) {
        lock.lock();
        try {
            if (m.latestWins()) {
                Deque<OutboundMessage> slot = latest.computeIfAbsent(m.topic(), t -> new ArrayDeque<>());
                slot.addLast(m);
                trim(slot);
            } else {
                if (queue.size() >= capacity) {
                    queue.pollFirst();
                    droppedFull.increment();
                }
                queue.addLast(m);
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Puts back a message the publisher could not send, unless something newer took its place. */
    void returnUnsent(OutboundMessage m) {
        lock.lock();
        try {
            if (m.latestWins()) {
                Deque<OutboundMessage> slot = latest.computeIfAbsent(m.topic(), t -> new ArrayDeque<>());
                if (slot.size() < latestDepth) {
                    slot.addFirst(m);
                }
            } else if (queue.size() < capacity) {
                queue.addFirst(m);
            } else {
                droppedFull.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next message to send, oldest queued first; null when empty. Expired ones are dropped on the way. */
    OutboundMessage poll(long nowNanos) {
        lock.lock();
        try {
            OutboundMessage m;
            while ((m = queue.pollFirst()) != null) {
                if (!m.expired(nowNanos)) {
                    return m;
                }
                droppedExpired.increment();
            }
            Iterator<Deque<OutboundMessage>> it = latest.values().iterator();
            while (it.hasNext()) {
                Deque<OutboundMessage> slot = it.next();
                while ((m = slot.pollFirst()) != null) {
                    if (!m.expired(nowNanos)) {
                        if (slot.isEmpty()) {
                            it.remove();
                        }
                        return m;
                    }
                    droppedExpired.increment();
                }
                it.remove();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** How many unsent latest-wins messages a topic keeps; lowering it drops the oldest at once. */
    void latestDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("latest depth " + depth + " must be >= 1");
        }
        lock.lock();
        try {
            latestDepth = depth;
            latest.values().forEach(this::trim);
        } finally {
            lock.unlock();
        }
    }

    private void trim(Deque<OutboundMessage> slot) {
        while (slot.size() > latestDepth) {
            slot.pollFirst();
            replaced.increment();
        }
    }

    /** Waits until a message is offered, {@link #wake()} is called or the timeout passes. */
    void await(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            if (!wakeRequested && queue.isEmpty() && latest.isEmpty()) {
                work.await(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } finally {
            lock.unlock();
        }
    }

    void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return queue.size() + latest.values().stream().mapToInt(Deque::size).sum();
        } finally {
            lock.unlock();
        }
    }
}

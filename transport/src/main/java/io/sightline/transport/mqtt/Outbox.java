package io.sightline.transport.mqtt;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
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
 * queued messages go into a bounded FIFO per channel (track events, grounding results, grounding requests) that
 * drops its oldest entry when full, so a burst on one channel never pushes out another's messages; the publisher
 * takes from the queued channels in turn, so none waits behind another, and alternates between the queued and the
 * latest-wins kind, so a flood of grounding answers never stops the detections (and the other way round). Both kinds
 * are dropped unsent once past their discard time. Every drop is counted.
 */
final class Outbox {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /** The queued (not latest-wins) channels, in the order the publisher serves them in turn. */
    private static final List<Channel> QUEUED = Arrays.stream(Channel.values()).filter(c -> !c.latestWins()).toList();
    private final Map<Channel, Deque<OutboundMessage>> queues = new EnumMap<>(Channel.class);
    /** Index into {@link #QUEUED} of the channel served first by the next poll. */
    private int turn;
    /** Whether the next poll serves the latest-wins kind first. */
    private boolean latestFirst;
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
        QUEUED.forEach(c -> queues.put(c, new ArrayDeque<>()));
    }

    void offer(OutboundMessage m) {
        lock.lock();
        try {
            if (m.latestWins()) {
                Deque<OutboundMessage> slot = latest.computeIfAbsent(m.topic(), t -> new ArrayDeque<>());
                slot.addLast(m);
                trim(slot);
            } else {
                Deque<OutboundMessage> queue = queues.get(m.channel());
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
                } else {
                    replaced.increment(); // something newer took its place while it was out
                }
            } else if (queues.get(m.channel()).size() < capacity) {
                queues.get(m.channel()).addFirst(m);
            } else {
                droppedFull.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next message to send: the queued and the latest-wins kind take turns (within the queued kind, the oldest of
     * each channel, one channel after the other); null when empty. Expired ones are dropped on the way.
     */
    OutboundMessage poll(long nowNanos) {
        lock.lock();
        try {
            boolean latestNow = latestFirst;
            latestFirst = !latestFirst;
            OutboundMessage m = latestNow ? pollLatest(nowNanos) : pollQueued(nowNanos);
            return m != null ? m : latestNow ? pollQueued(nowNanos) : pollLatest(nowNanos);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest unexpired message of the queued channels, one channel after the other; null when none. */
    private OutboundMessage pollQueued(long nowNanos) {
        OutboundMessage m;
        for (int i = 0; i < QUEUED.size(); i++) {
            Deque<OutboundMessage> queue = queues.get(QUEUED.get((turn + i) % QUEUED.size()));
            while ((m = queue.pollFirst()) != null) {
                if (!m.expired(nowNanos)) {
                    turn = (turn + i + 1) % QUEUED.size();
                    return m;
                }
                droppedExpired.increment();
            }
        }
        return null;
    }

    /** The oldest unexpired latest-wins message, topic after topic; null when none. */
    private OutboundMessage pollLatest(long nowNanos) {
        OutboundMessage m;
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
            if (!wakeRequested && queues.values().stream().allMatch(Deque::isEmpty) && latest.isEmpty()) {
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
            return queues.values().stream().mapToInt(Deque::size).sum() + latest.values().stream().mapToInt(Deque::size).sum();
        } finally {
            lock.unlock();
        }
    }
}

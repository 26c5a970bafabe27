package io.sightline.perception.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class LatestFrameSlotTest {
    /** The first Mat loads OpenCV's native libraries (seconds on a busy machine): not inside a timed handoff. */
    @org.junit.jupiter.api.BeforeAll
    static void loadOpenCv() {
        ReplayFixtures.grey(0).close();
    }

    @Test
    void newerFrameReplacesAndClosesTheUntakenOne() throws Exception {
        try (LatestFrameSlot slot = new LatestFrameSlot()) {
            Frame a = new Frame(0, "front", 0, 0, -1, ReplayFixtures.grey(1));
            Frame b = new Frame(1, "front", 1, 0, -1, ReplayFixtures.grey(2));
            slot.offer(a);
            slot.offer(b);
            assertThat(a.image().isNull()).isTrue(); // closed: its native memory is released
            assertThat(slot.dropped()).isEqualTo(1);
            try (Frame got = slot.take(1, TimeUnit.SECONDS).orElseThrow()) {
                assertThat(got.seq()).isEqualTo(1);
            }
            assertThat(slot.take(10, TimeUnit.MILLISECONDS)).isEmpty();
        }
    }

    @Test
    void finishLeavesTheLastFrameToTakeAndCloseCountsAnUntakenOneAsDropped() throws Exception {
        LatestFrameSlot slot = new LatestFrameSlot();
        slot.offer(new Frame(0, "front", 0, 0, -1, ReplayFixtures.grey(1)));
        slot.finish();
        slot.offer(new Frame(1, "front", 1, 0, -1, ReplayFixtures.grey(1)));
        try (Frame last = slot.take(1, TimeUnit.SECONDS).orElseThrow()) {
            assertThat(last.seq()).isZero();
        }
        assertThat(slot.take(10, TimeUnit.SECONDS)).isEmpty(); // at once, not after the timeout
        assertThat(slot.dropped()).isEqualTo(1);

        LatestFrameSlot other = new LatestFrameSlot();
        other.offer(new Frame(0, "front", 0, 0, -1, ReplayFixtures.grey(1)));
        other.close();
        assertThat(other.dropped()).isEqualTo(1);
    }

    @Test
    void closeWakesAWaitingTaker() throws Exception {
        LatestFrameSlot slot = new LatestFrameSlot();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            slot.close();
        });
        closer.start();
        assertThat(slot.take(30, TimeUnit.SECONDS)).isEmpty();
        closer.join();
    }

    /**
     * A producer offering 200 frames as fast as it can and a consumer that is slower: every frame is either
     * taken or dropped (none lost, none twice), the consumer sees increasing seqs, and frames are dropped.
     */
    @Test
    void fastProducerSlowConsumerAccountsForEveryFrame() throws Exception {
        int n = 200;
        LatestFrameSlot slot = new LatestFrameSlot();
        List<Long> taken = Collections.synchronizedList(new ArrayList<>());
        Thread consumer = new Thread(() -> {
            try {
                Optional<Frame> f;
                while ((f = slot.take(30, TimeUnit.SECONDS)).isPresent()) {
                    try (Frame frame = f.get()) {
                        taken.add(frame.seq());
                        Thread.sleep(2);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        for (long seq = 0; seq < n; seq++) {
            slot.offer(new Frame(seq, "front", seq, 0, -1, ReplayFixtures.grey(1)));
        }
        // Let the consumer take what is left, then stop it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (slot.offered() - slot.dropped() > taken.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        slot.close();
        consumer.join();
        assertThat(slot.offered()).isEqualTo(n);
        assertThat(taken.size() + slot.dropped()).isEqualTo(n);
        assertThat(slot.dropped()).isPositive();
        assertThat(taken).isSorted().doesNotHaveDuplicates();
        assertThat(taken.get(taken.size() - 1)).isEqualTo(n - 1);
    }
}

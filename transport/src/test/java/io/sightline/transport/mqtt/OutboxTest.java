package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OutboxTest {
    /** A message of a latest-wins channel (detections) or a queued one (events). */
    private static OutboundMessage msg(String topic, String body, boolean latestWins, long discardAt) {
        return new OutboundMessage(latestWins ? Channel.DETECTIONS : Channel.EVENTS, topic, ByteString.copyFromUtf8(body),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), discardAt);
    }

    private static String body(OutboundMessage m) {
        return m == null ? null : m.payload().toStringUtf8();
    }

    @Test
    void latestWinsKeepsOnlyTheNewestPerTopic() {
        Outbox box = new Outbox(10);
        for (int i = 1; i <= 5; i++) {
            box.offer(msg("detections/cam0", "a" + i, true, Long.MAX_VALUE));
            box.offer(msg("detections/cam1", "b" + i, true, Long.MAX_VALUE));
        }
        assertThat(body(box.poll(0))).isEqualTo("a5");
        assertThat(body(box.poll(0))).isEqualTo("b5");
        assertThat(box.poll(0)).isNull();
        assertThat(box.replaced.sum()).isEqualTo(8);
    }

    @Test
    void onlineDepthKeepsAFewPerTopicAndGoingOfflineKeepsOnlyTheNewest() {
        Outbox box = new Outbox(10);
        box.latestDepth(3);
        for (int i = 1; i <= 5; i++) {
            box.offer(msg("detections/cam0", "a" + i, true, Long.MAX_VALUE));
        }
        assertThat(box.size()).isEqualTo(3);
        assertThat(body(box.poll(0))).isEqualTo("a3");
        box.latestDepth(1);
        assertThat(body(box.poll(0))).isEqualTo("a5");
        assertThat(box.poll(0)).isNull();
        assertThat(box.replaced.sum()).isEqualTo(3);
    }

    @Test
    void queuedKeepOrderAndDropOldestWhenFull() {
        Outbox box = new Outbox(3);
        for (int i = 1; i <= 5; i++) {
            box.offer(msg("events/cam0", "e" + i, false, Long.MAX_VALUE));
        }
        box.offer(msg("detections/cam0", "d", true, Long.MAX_VALUE));
        assertThat(java.util.stream.Stream.generate(() -> body(box.poll(0))).limit(5).toList())
                .containsExactly("e3", "d", "e4", "e5", null);
        assertThat(box.droppedFull.sum()).isEqualTo(2);
    }

    /** A full queue of grounding answers (a request flood) must not hold the frames back: the two kinds take turns. */
    @Test
    void latestWinsAndQueuedMessagesTakeTurns() {
        Outbox box = new Outbox(100);
        for (int i = 1; i <= 50; i++) {
            box.offer(new OutboundMessage(Channel.GROUND_RESULT, "ground/result", ByteString.copyFromUtf8("r" + i),
                    OptionalLong.empty(), Optional.empty(), Optional.empty(), Long.MAX_VALUE));
        }
        box.offer(msg("detections/cam0", "d1", true, Long.MAX_VALUE));
        assertThat(body(box.poll(0))).isEqualTo("r1");
        assertThat(body(box.poll(0))).as("the frame goes out second, not after 50 answers").isEqualTo("d1");
        box.offer(msg("detections/cam0", "d2", true, Long.MAX_VALUE));
        assertThat(body(box.poll(0))).isEqualTo("r2");
        assertThat(body(box.poll(0))).isEqualTo("d2");
        assertThat(body(box.poll(0))).isEqualTo("r3");
    }

    @Test
    void expiredMessagesAreDroppedAndCounted() {
        Outbox box = new Outbox(3);
        box.offer(msg("events/cam0", "old", false, 100));
        box.offer(msg("events/cam0", "fresh", false, 1_000));
        box.offer(msg("health", "stale", true, 100));
        assertThat(body(box.poll(500))).isEqualTo("fresh");
        assertThat(box.poll(500)).isNull();
        assertThat(box.droppedExpired.sum()).isEqualTo(2);
    }

    @Test
    void returnedLatestMessageDoesNotOverwriteANewerOne() {
        Outbox box = new Outbox(3);
        OutboundMessage old = msg("scene/cam0", "old", true, Long.MAX_VALUE);
        box.offer(msg("scene/cam0", "new", true, Long.MAX_VALUE));
        box.returnUnsent(old);
        assertThat(body(box.poll(0))).isEqualTo("new");
        box.offer(msg("events/cam0", "second", false, Long.MAX_VALUE));
        box.returnUnsent(msg("events/cam0", "first", false, Long.MAX_VALUE));
        assertThat(body(box.poll(0))).isEqualTo("first");
    }

    @Test
    void eachQueuedChannelHasItsOwnBoundAndTheyAreServedInTurn() {
        Outbox box = new Outbox(3);
        box.offer(new OutboundMessage(Channel.GROUND_RESULT, "ground/result", ByteString.copyFromUtf8("r1"),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Long.MAX_VALUE));
        for (int i = 1; i <= 10; i++) {
            box.offer(msg("events/cam0", "e" + i, false, Long.MAX_VALUE));
        }
        box.offer(new OutboundMessage(Channel.GROUND_RESULT, "ground/result", ByteString.copyFromUtf8("r2"),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Long.MAX_VALUE));
        assertThat(box.droppedFull.sum()).as("a burst of events pushes out only events").isEqualTo(7);
        assertThat(java.util.stream.Stream.generate(() -> body(box.poll(0))).limit(6).toList())
                .containsExactly("e8", "r1", "e9", "r2", "e10", null);
    }

    @Test
    void theDefaultCapacityHoldsTheQueueExpiryOfTheDemosTrackEvents() {
        io.sightline.transport.config.MqttConfig defaults = io.sightline.transport.config.ConfigLoader.mqttOnly().defaults().mqtt();
        int demoEventsPerS = 120;
        assertThat(defaults.outboxCapacity()).isGreaterThanOrEqualTo(defaults.queueExpiryS() * demoEventsPerS);
    }
}

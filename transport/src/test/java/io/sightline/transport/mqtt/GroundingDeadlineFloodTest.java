package io.sightline.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;
import io.sightline.transport.v1.GroundingStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 25 point 2: 3,000 requests of 60 KB with a 10-year deadline. Before, each request's timeout task kept it until
 * its deadline (used heap after GC 12 -> 188 MB here); now deadlines are clamped, the timer is cancelled when the
 * answer comes and the cache keeps answers, not requests.
 */
class GroundingDeadlineFloodTest {
    @Test
    void thousandsOfFarDeadlinesLeaveTheHeapBounded() throws Exception {
        String robot = MqttTestKit.uniqueRobot();
        Topics topics = new Topics(robot);
        AtomicInteger answers = new AtomicInteger();
        GroundingHandler handler = r -> GroundingResult.newBuilder().setStatus(GroundingStatus.GROUNDING_STATUS_NO_MATCH).build();
        GroundingSettings settings = GroundingSettings.of(MqttTestKit.config(robot, Map.of(
                "mqtt.grounding_rate_per_client", "100000", "mqtt.grounding_queue_size", "10000")));
        Random random = new Random(25);
        try (GroundingResponder responder = new GroundingResponder(topics, (t, c, r, by) -> answers.incrementAndGet(), handler, settings)) {
            long before = usedAfterGc();
            for (int i = 0; i < 3000; i++) {
                byte[] filler = new byte[60_000];
                random.nextBytes(filler);
                GroundingRequest request = GroundingRequest.newBuilder().setRequestId("flood-" + i).setExpression("a cup")
                        .setDeadline(GroundingResponder.deadlineIn(Duration.ofDays(3650).toMillis()))
                        .setUnknownFields(UnknownFieldSet.newBuilder().addField(15, UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFrom(filler)).build()).build())
                        .build();
                responder.onRequest(new InboundMessage(topics.groundRequest(), request.toByteString(), false,
                        Optional.empty(), Optional.of(topics.groundResponse("flooder")), Optional.empty(), System.nanoTime()));
            }
            MqttTestKit.await("every request answered", Duration.ofSeconds(30), () -> answers.get() == 3000);
            long after = usedAfterGc();
            System.out.printf("deadline flood: used heap after GC %d MB -> %d MB; cache %d entries, %d bytes%n",
                    before >> 20, after >> 20, responder.cachedEntries(), responder.cachedBytes());
            assertThat(after - before).as("heap growth after GC, bytes").isLessThan(40L << 20);
            assertThat(responder.cachedEntries()).isLessThanOrEqualTo(settings.cacheEntries());
            assertThat(responder.cachedBytes()).isLessThanOrEqualTo(settings.cacheBytes());
        }
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}

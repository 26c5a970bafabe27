package io.sightline.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.sightline.perception.mcap.McapChannel;
import io.sightline.perception.mcap.McapMessage;
import io.sightline.perception.mcap.McapReader;
import io.sightline.perception.mcap.McapSchema;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.McapSource;
import io.sightline.perception.source.ReplayPacing;
import io.sightline.service.config.RecordSection;
import io.sightline.transport.mqtt.Channel;
import io.sightline.transport.mqtt.OutboundMessage;
import io.sightline.transport.v1.Health;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McapRecorderTest {
    private static final String HEALTH = "sightline/v1/r1/health";
    @TempDir
    Path dir;

    private static RecordSection settings(long maxBytes) {
        return new RecordSection("unused", maxBytes, 0, true, 256);
    }

    /** A frame of noise (JPEG cannot shrink it much), {@code w x h}. */
    private static Frame noise(int seq, int w, int h) {
        Mat m = new Mat(h, w, CV_8UC3);
        byte[] px = new byte[w * h * 3];
        new Random(seq).nextBytes(px);
        m.data().put(px);
        return new Frame(seq, "cam0", System.nanoTime(), 1_700_000_000_000L + seq * 100L, seq, m);
    }

    private static OutboundMessage health(int i) {
        return OutboundMessage.of(Channel.HEALTH, HEALTH, Health.newBuilder().setFps(i).build(), Optional.empty(),
            Optional.empty(), 10, System.nanoTime());
    }

    private static Map<String, Long> countByTopic(Path file) throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (McapReader r = McapReader.open(file)) {
            for (Optional<McapMessage> m = r.next(); m.isPresent(); m = r.next()) {
                out.merge(r.channels().get(m.get().channelId()).topic(), 1L, Long::sum);
            }
            assertThat(r.truncated()).isFalse();
        }
        return out;
    }

    @Test
    void messagesAndFramesAreRecordedWithTheirSchemasAndReplayAsFrames() throws Exception {
        Path file = dir.resolve("run.mcap");
        McapRecorder rec = McapRecorder.start(settings(0), file, "cam0", "test", Map.of("k", "v"));
        for (int i = 0; i < 5; i++) {
            rec.published(health(i), 1_700_000_000_000_000_000L + i);
            try (Frame f = noise(i, 64, 48)) {
                rec.frame(f);
            }
        }
        rec.close();
        assertThat(rec.failure()).isEmpty();
        assertThat(rec.counters().files()).containsExactly(file);
        assertThat(rec.writtenByTopic()).isEqualTo(Map.of(HEALTH, 5L, McapRecorder.frameTopic("cam0"), 5L));
        assertThat(countByTopic(file)).isEqualTo(rec.writtenByTopic());

        McapReader.Summary s = McapReader.summary(file).orElseThrow();
        assertThat(s.schemas()).extracting(McapSchema::name).containsExactlyInAnyOrder("sightline.v1.Health",
            "foxglove.CompressedImage");
        for (McapSchema schema : s.schemas()) {
            assertThat(schema.encoding()).isEqualTo("protobuf");
            FileDescriptorSet set = FileDescriptorSet.parseFrom(schema.data());
            // the message's own file comes last, after everything it imports (google/protobuf/timestamp.proto)
            assertThat(set.getFile(set.getFileCount() - 1).getMessageTypeList()).extracting(m -> m.getName())
                .contains(schema.name().substring(schema.name().lastIndexOf('.') + 1));
            assertThat(set.getFileList()).extracting(f -> f.getName()).contains("google/protobuf/timestamp.proto");
        }
        McapChannel frames = s.channels().stream().filter(c -> c.topic().equals("camera/cam0/image")).findFirst().orElseThrow();
        assertThat(frames.metadata()).containsEntry("k", "v").containsEntry("sensor_width", "64");

        List<long[]> sizes = new ArrayList<>();
        try (McapSource src = new McapSource(file, "cam0", Optional.empty(), ReplayPacing.AS_FAST_AS_POSSIBLE, false)) {
            src.open();
            for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                try (Frame frame = f.get()) {
                    sizes.add(new long[] {frame.width(), frame.height(), frame.image().cols()});
                }
            }
        }
        assertThat(sizes).hasSize(5).allSatisfy(z -> assertThat(z).containsExactly(64, 48, 64));
    }

    @Test
    void aFileThatReachesMaxBytesIsClosedAndTheNextOneOpened() throws Exception {
        Path file = dir.resolve("rot.mcap");
        McapRecorder rec = McapRecorder.start(settings(65536), file, "cam0", "test", Map.of());
        for (int i = 0; i < 6; i++) {
            try (Frame f = noise(i, 160, 120)) { // about 40 KB as JPEG: a new file every two frames
                rec.frame(f);
            }
        }
        rec.close();
        List<Path> files = rec.counters().files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        assertThat(files.get(0)).isEqualTo(file);
        assertThat(files.get(1)).isEqualTo(dir.resolve("rot-0001.mcap"));
        long total = 0;
        for (Path f : files) {
            assertThat(McapReader.summary(f)).as("%s has its summary", f).isPresent();
            total += countByTopic(f).values().stream().mapToLong(Long::longValue).sum();
        }
        assertThat(total).isEqualTo(6);
        for (int i = 0; i < files.size() - 1; i++) {
            assertThat(Files.size(files.get(i))).isGreaterThanOrEqualTo(65536);
        }
    }

    /** A disk that fills up after {@code room} bytes. */
    private static OutputStream fillingUp(Path file, long room) throws IOException {
        return new FilterOutputStream(Files.newOutputStream(file)) {
            long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > room) {
                    throw new IOException("No space left on device");
                }
                written += len;
                out.write(b, off, len);
            }
        };
    }

    @Test
    void aFullDiskStopsTheRecordingWithAReasonAndLeavesTheWholeChunksReadable() throws Exception {
        Path file = dir.resolve("full.mcap");
        McapRecorder rec = McapRecorder.start(settings(0), file, "cam0", "test", Map.of(), f -> fillingUp(f, 1_500_000));
        // Noise frames of 640x480 are some 300 KB as JPEG: a 1 MiB chunk or two fit, the whole recording does not.
        for (int i = 0; i < 16; i++) {
            try (Frame f = noise(i, 640, 480)) {
                rec.frame(f); // never throws, whatever the disk does
            }
            Thread.sleep(20); // let the writer keep up: this test is about the disk, not the queue
        }
        rec.published(health(1), 1L);
        rec.close();
        assertThat(rec.failure()).hasValueSatisfying(r -> assertThat(r).contains("No space left on device", "full.mcap"));
        try (McapReader r = McapReader.open(file)) {
            long n = 0;
            for (Optional<McapMessage> m = r.next(); m.isPresent(); m = r.next()) {
                n++;
            }
            assertThat(r.truncated()).isTrue();
            assertThat(r.chunks()).isPositive();
            assertThat(n).isPositive().isLessThan(16);
        }
    }
}

package io.sightline.perception.mcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McapWriterTest {
    @TempDir
    Path dir;

    private static byte[] payload(int i) {
        return ("message " + i).getBytes(StandardCharsets.UTF_8);
    }

    /** 30 messages over two channels in chunks of about 100 bytes; returns the file. */
    private Path write(Path file) throws IOException {
        try (McapWriter w = McapWriter.create(file, "test", 100)) {
            int s = w.addSchema("sightline.v1.Health", "protobuf", new byte[] {1, 2, 3});
            int a = w.addChannel(s, "sightline/v1/r/health", "protobuf", Map.of("k", "v"));
            int b = w.addChannel(0, "raw", "application/octet-stream", Map.of());
            for (int i = 0; i < 30; i++) {
                w.write(i % 3 == 0 ? b : a, 1_000L + i, 2_000L + i, payload(i));
            }
        }
        return file;
    }

    private static List<McapMessage> readAll(McapReader r) throws IOException {
        List<McapMessage> out = new ArrayList<>();
        for (var m = r.next(); m.isPresent(); m = r.next()) {
            out.add(m.get());
        }
        return out;
    }

    @Test
    void messagesSchemasAndChannelsReadBackInOrder() throws IOException {
        Path f = write(dir.resolve("a.mcap"));
        try (McapReader r = McapReader.open(f)) {
            List<McapMessage> all = readAll(r);
            assertThat(r.truncated()).isFalse();
            assertThat(all).hasSize(30);
            for (int i = 0; i < 30; i++) {
                assertThat(all.get(i).data()).isEqualTo(payload(i));
                assertThat(all.get(i).logTime()).isEqualTo(1_000L + i);
                assertThat(all.get(i).publishTime()).isEqualTo(2_000L + i);
                assertThat(r.channels().get(all.get(i).channelId()).topic()).isEqualTo(i % 3 == 0 ? "raw" : "sightline/v1/r/health");
            }
            assertThat(all.stream().filter(m -> m.channelId() == 1).map(McapMessage::sequence).toList())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(r.schemas().get(1).name()).isEqualTo("sightline.v1.Health");
            assertThat(r.schemas().get(1).data()).containsExactly(1, 2, 3);
            assertThat(r.channels().get(0).metadata()).containsEntry("k", "v");
            assertThat(r.chunks()).isGreaterThan(1);
        }
    }

    @Test
    void summaryListsEverythingWithTheCounts() throws IOException {
        Path f = write(dir.resolve("s.mcap"));
        McapReader.Summary s = McapReader.summary(f).orElseThrow();
        assertThat(s.schemas()).extracting(McapSchema::name).containsExactly("sightline.v1.Health");
        assertThat(s.channels()).extracting(McapChannel::topic).containsExactly("sightline/v1/r/health", "raw");
        McapReader.Statistics st = s.statistics().orElseThrow();
        assertThat(st.messageCount()).isEqualTo(30);
        assertThat(st.channelMessageCounts()).containsEntry(0, 20L).containsEntry(1, 10L);
        assertThat(st.messageStartTime()).isEqualTo(1_000L);
        assertThat(st.messageEndTime()).isEqualTo(1_029L);
        assertThat(s.chunkIndexes()).hasSize((int) st.chunkCount());
        byte[] bytes = Files.readAllBytes(f);
        for (McapReader.ChunkIndex ci : s.chunkIndexes()) {
            assertThat(bytes[(int) ci.chunkStartOffset()]).isEqualTo((byte) Mcap.CHUNK);
        }
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length)).isEqualTo(Mcap.MAGIC);
    }

    @Test
    void aFileCutAnywhereReadsEveryWholeChunkBeforeTheCut() throws IOException {
        Path f = write(dir.resolve("full.mcap"));
        byte[] bytes = Files.readAllBytes(f);
        List<McapReader.ChunkIndex> chunks = McapReader.summary(f).orElseThrow().chunkIndexes();
        McapReader.ChunkIndex last = chunks.get(chunks.size() - 1);
        for (int cut = 8; cut <= last.chunkStartOffset() + last.chunkLength(); cut += 7) {
            Path t = dir.resolve("cut.mcap");
            Files.write(t, Arrays.copyOf(bytes, cut));
            int whole = 0;
            for (McapReader.ChunkIndex ci : chunks) {
                if (ci.chunkStartOffset() + ci.chunkLength() <= cut) {
                    whole++;
                }
            }
            try (McapReader r = McapReader.open(t)) {
                List<McapMessage> got = readAll(r);
                assertThat(r.truncated()).as("cut at %d", cut).isTrue();
                assertThat(r.chunks()).as("cut at %d", cut).isEqualTo(whole);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).data()).isEqualTo(payload(i));
                }
            }
            assertThat(McapReader.summary(t)).isEmpty();
        }
    }

    @Test
    void aDamagedChunkFailsItsCrc() throws IOException {
        Path f = write(dir.resolve("bad.mcap"));
        byte[] bytes = Files.readAllBytes(f);
        long first = McapReader.summary(f).orElseThrow().chunkIndexes().get(0).chunkStartOffset();
        bytes[(int) first + 80] ^= 0x40;
        Files.write(f, bytes);
        assertThatThrownBy(() -> {
            try (McapReader r = McapReader.open(f)) {
                readAll(r);
            }
        }).isInstanceOf(McapFormatException.class).hasMessageContaining("CRC-32");
    }

    @Test
    void notAnMcapFileIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("x.mcap"), "hello, not mcap");
        assertThatThrownBy(() -> McapReader.open(f)).isInstanceOf(McapFormatException.class).hasMessageContaining("x.mcap");
    }

    @Test
    void aDamagedSummaryFailsItsCrc() throws IOException {
        Path f = write(dir.resolve("summary.mcap"));
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 60] ^= 0x01; // in the summary offsets, before the footer
        Files.write(f, bytes);
        assertThatThrownBy(() -> McapReader.summary(f)).isInstanceOf(McapFormatException.class).hasMessageContaining("summary");
    }
}

package io.sightline.perception.mcap;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Reads an MCAP file front to back (https://mcap.dev/spec): Schema and Channel records as they come, the Messages of
 * each Chunk (uncompressed chunks; CRC-32 checked when set) and of the data section outside chunks. A file that ends
 * early (the writer was killed) ends at its last whole record: {@link #truncated()} says so, and every whole chunk
 * before the cut was read. {@link #summary(Path)} reads the summary section through the Footer instead.
 */
public final class McapReader implements AutoCloseable {
    private final Path file;
    private final DataInputStream in;
    private final Map<Integer, McapSchema> schemas = new LinkedHashMap<>();
    private final Map<Integer, McapChannel> channels = new LinkedHashMap<>();
    private final ArrayDeque<McapMessage> pending = new ArrayDeque<>();
    private long offset;
    private boolean ended;
    private boolean truncated;
    private int chunks;

    private McapReader(Path file, InputStream stream) throws IOException {
        this.file = file;
        this.in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        byte[] magic = new byte[Mcap.MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new McapFormatException(file + ": not an MCAP file (shorter than its magic)");
        }
        if (!Arrays.equals(magic, Mcap.MAGIC)) {
            throw new McapFormatException(file + ": not an MCAP file (no 0x89 MCAP0 magic at the start)");
        }
        offset = magic.length;
    }

    /** Opens {@code file} and checks its magic. */
    public static McapReader open(Path file) throws IOException {
        InputStream s = Files.newInputStream(file);
        try {
            return new McapReader(file, s);
        } catch (RuntimeException | IOException e) {
            s.close();
            throw e;
        }
    }

    /** The next message in file order; empty at Data End or where the file was cut. */
    public Optional<McapMessage> next() throws IOException {
        while (pending.isEmpty() && !ended) {
            readRecord();
        }
        return Optional.ofNullable(pending.poll());
    }

    /** Schemas seen so far, by id. */
    public Map<Integer, McapSchema> schemas() {
        return Collections.unmodifiableMap(schemas);
    }

    /** Channels seen so far, by id. */
    public Map<Integer, McapChannel> channels() {
        return Collections.unmodifiableMap(channels);
    }

    /** True once the data section ended without its Data End record: the file was cut (e.g. the writer killed). */
    public boolean truncated() {
        return truncated;
    }

    /** Whole chunks read so far. */
    public int chunks() {
        return chunks;
    }

    private void readRecord() throws IOException {
        int opcode;
        long length;
        byte[] content;
        try {
            opcode = in.read();
            if (opcode < 0) {
                cut();
                return;
            }
            length = Long.reverseBytes(in.readLong());
            if (length < 0 || length > Integer.MAX_VALUE - 16) {
                throw new McapFormatException(file + ": record 0x" + Integer.toHexString(opcode) + " at offset " + offset
                    + " claims " + length + " bytes");
            }
            content = new byte[(int) length];
            in.readFully(content);
        } catch (EOFException e) {
            cut();
            return;
        }
        long at = offset;
        offset += Mcap.RECORD_PREFIX + length;
        switch (opcode) {
            case Mcap.DATA_END -> ended = true;
            case Mcap.CHUNK -> chunk(new LeReader(content), at);
            default -> record(opcode, new LeReader(content), at);
        }
    }

    private void cut() {
        ended = true;
        truncated = true;
    }

    private void chunk(LeReader r, long at) {
        r.u64(); // message_start_time
        r.u64(); // message_end_time
        long uncompressedSize = r.u64();
        long crc = r.u32();
        String compression = r.string();
        long size = r.u64();
        if (!compression.isEmpty()) {
            throw new McapFormatException(file + ": chunk at offset " + at + " is compressed with '" + compression
                + "'; this reader reads uncompressed chunks only");
        }
        if (size != uncompressedSize || size > r.remaining()) {
            throw new McapFormatException(file + ": chunk at offset " + at + " holds " + size + " bytes of records, expected "
                + uncompressedSize);
        }
        byte[] records = r.bytes((int) size);
        if (crc != 0) {
            CRC32 c = new CRC32();
            c.update(records);
            if (c.getValue() != crc) {
                throw new McapFormatException(file + ": chunk at offset " + at + " fails its CRC-32 (0x"
                    + Long.toHexString(c.getValue()) + ", recorded 0x" + Long.toHexString(crc) + ")");
            }
        }
        LeReader in = new LeReader(records);
        while (in.remaining() > 0) {
            int op = in.u8();
            long len = in.u64();
            if (len > in.remaining()) {
                throw new McapFormatException(file + ": record in the chunk at offset " + at + " overruns it");
            }
            int start = in.position();
            record(op, new LeReader(records, start, (int) len), at);
            in.bytes((int) len);
        }
        chunks++;
    }

    private void record(int opcode, LeReader r, long at) {
        switch (opcode) {
            case Mcap.SCHEMA -> {
                McapSchema s = schema(r);
                schemas.put(s.id(), s);
            }
            case Mcap.CHANNEL -> {
                McapChannel c = channel(r);
                channels.put(c.id(), c);
            }
            case Mcap.MESSAGE -> {
                int channel = r.u16();
                long seq = r.u32();
                long log = r.u64();
                long pub = r.u64();
                if (!channels.containsKey(channel)) {
                    throw new McapFormatException(file + ": message at offset " + at + " on channel " + channel
                        + " before that channel's record");
                }
                pending.add(new McapMessage(channel, seq, log, pub, r.bytes(r.remaining())));
            }
            default -> {
                // Header, indexes, attachments, metadata: not needed to replay messages
            }
        }
    }

    static McapSchema schema(LeReader r) {
        return new McapSchema(r.u16(), r.string(), r.string(), r.bytes32());
    }

    static McapChannel channel(LeReader r) {
        return new McapChannel(r.u16(), r.u16(), r.string(), r.string(), r.stringMap());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * The Statistics record of a summary section.
     *
     * @param channelMessageCounts messages per channel id
     */
    public record Statistics(long messageCount, int schemaCount, long channelCount, long chunkCount,
                             long messageStartTime, long messageEndTime, Map<Integer, Long> channelMessageCounts) {
    }

    /** A Chunk Index record: where a chunk is and what time span it holds. */
    public record ChunkIndex(long messageStartTime, long messageEndTime, long chunkStartOffset, long chunkLength) {
    }

    /** What a file's summary section says; {@link #statistics} is empty when the section has none. */
    public record Summary(List<McapSchema> schemas, List<McapChannel> channels, Optional<Statistics> statistics,
                          List<ChunkIndex> chunkIndexes) {
    }

    /**
     * The summary section of a closed file, found through the Footer; empty when the file has no Footer (it was cut)
     * or no summary section.
     */
    public static Optional<Summary> summary(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = Mcap.RECORD_PREFIX + 20 + Mcap.MAGIC.length;
            if (size < Mcap.MAGIC.length + tail) {
                return Optional.empty();
            }
            ByteBuffer t = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(t, size - tail);
            byte[] end = Arrays.copyOfRange(t.array(), tail - Mcap.MAGIC.length, tail);
            if (t.get(0) != Mcap.FOOTER || !Arrays.equals(end, Mcap.MAGIC)) {
                return Optional.empty();
            }
            long summaryStart = t.getLong(Mcap.RECORD_PREFIX);
            long summaryOffsetStart = t.getLong(Mcap.RECORD_PREFIX + 8);
            if (summaryStart == 0) {
                return Optional.empty();
            }
            long summaryCrc = t.getInt(Mcap.RECORD_PREFIX + 16) & 0xFFFFFFFFL;
            // the summary section and the summary offsets, up to the footer
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size - tail - summaryStart));
            while (all.hasRemaining() && ch.read(all, summaryStart + all.position()) > 0) {
                // read it all
            }
            if (summaryCrc != 0) {
                CRC32 crc = new CRC32();
                crc.update(all.array());
                crc.update(t.array(), 0, Mcap.RECORD_PREFIX + 16); // the footer up to its CRC field
                if (crc.getValue() != summaryCrc) {
                    throw new McapFormatException(file + ": the summary fails its CRC-32 (0x" + Long.toHexString(crc.getValue())
                        + ", recorded 0x" + Long.toHexString(summaryCrc) + ")");
                }
            }
            long summaryEnd = summaryOffsetStart == 0 ? size - tail : summaryOffsetStart;
            LeReader r = new LeReader(all.array(), 0, Math.toIntExact(summaryEnd - summaryStart));
            List<McapSchema> schemas = new ArrayList<>();
            List<McapChannel> channels = new ArrayList<>();
            List<ChunkIndex> chunks = new ArrayList<>();
            Statistics stats = null;
            while (r.remaining() > 0) {
                int op = r.u8();
                int len = Math.toIntExact(r.u64());
                LeReader c = new LeReader(r.bytes(len));
                switch (op) {
                    case Mcap.SCHEMA -> schemas.add(schema(c));
                    case Mcap.CHANNEL -> channels.add(channel(c));
                    case Mcap.CHUNK_INDEX -> chunks.add(new ChunkIndex(c.u64(), c.u64(), c.u64(), c.u64()));
                    case Mcap.STATISTICS -> stats = new Statistics(c.u64(), c.u16(), c.u32(), skipThen(c), c.u64(), c.u64(),
                        c.u16u64Map());
                    default -> {
                    }
                }
            }
            return Optional.of(new Summary(schemas, channels, Optional.ofNullable(stats), chunks));
        }
    }

    /** Skips Statistics' attachment_count and metadata_count, then reads chunk_count. */
    private static long skipThen(LeReader c) {
        c.u32();
        c.u32();
        return c.u32();
    }
}

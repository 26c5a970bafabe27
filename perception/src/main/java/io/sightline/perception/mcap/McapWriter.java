package io.sightline.perception.mcap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file (https://mcap.dev/spec): Header, then uncompressed Chunks each followed by its Message Index
 * records, then on {@link #close()} Data End (with the data section's CRC-32), a summary section (Schema, Channel,
 * Statistics and Chunk Index records, each group listed by a Summary Offset record) and the Footer, so that readers
 * can index the file without scanning it.
 *
 * <p>A chunk goes to the stream whole, right after its messages are complete, followed by its Message Index records,
 * and carries its Schema and Channel records the first time one of its messages uses them: a process killed at any
 * moment leaves a file whose whole chunks read back on their own ({@link McapReader} stops at the cut). Not thread-safe: one writer thread.
 */
public final class McapWriter implements AutoCloseable {
    /** Footer content: summary_start u64, summary_offset_start u64, summary_crc u32. */
    static final long FOOTER_LENGTH = 8 + 8 + 4;
    private final OutputStream out;
    private final int chunkBytes;
    private final CRC32 dataCrc = new CRC32();
    private final LeBuffer chunk;
    private final Map<Integer, LeBuffer> chunkIndexes = new LinkedHashMap<>();
    private final Map<Integer, McapSchema> schemas = new LinkedHashMap<>();
    private final Map<Integer, McapChannel> channels = new LinkedHashMap<>();
    private final Set<Integer> schemasWritten = new HashSet<>();
    private final Set<Integer> channelsWritten = new HashSet<>();
    private final Map<Integer, Long> sequences = new LinkedHashMap<>();
    private final Map<Integer, Long> channelCounts = new LinkedHashMap<>();
    private final List<byte[]> chunkIndexRecords = new ArrayList<>();
    private long position;
    private long chunkStart = Long.MAX_VALUE;
    private long chunkEnd = Long.MIN_VALUE;
    private int chunkMessages;
    private long messageCount;
    private long messageStart = Long.MAX_VALUE;
    private long messageEnd = Long.MIN_VALUE;
    private int chunkCount;
    private boolean closed;

    /**
     * @param out        the file's bytes; closed by {@link #close()}
     * @param library    written in the Header ("sightline 1.2")
     * @param chunkBytes a chunk is written once its records reach this many bytes
     */
    public McapWriter(OutputStream out, String library, int chunkBytes) throws IOException {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be positive, got " + chunkBytes);
        }
        this.out = out;
        this.chunkBytes = chunkBytes;
        this.chunk = new LeBuffer(Math.min(chunkBytes, 1 << 20) + 1024);
        LeBuffer head = new LeBuffer(64).raw(Mcap.MAGIC);
        int at = head.beginRecord(Mcap.HEADER);
        head.string("").string(library); // profile: none (no ROS profile applies)
        head.endRecord(at);
        writeData(head);
    }

    /** A new file at {@code file} (replacing one that is there). */
    public static McapWriter create(Path file, String library, int chunkBytes) throws IOException {
        return new McapWriter(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE), library, chunkBytes);
    }

    /** Registers a schema; its record is written with the first message that uses it. Returns its id. */
    public int addSchema(String name, String encoding, byte[] data) {
        McapSchema s = new McapSchema(schemas.size() + 1, name, encoding, data);
        schemas.put(s.id(), s);
        return s.id();
    }

    /** Registers a channel of schema {@code schemaId} (0 = none); its record is written with its first message. */
    public int addChannel(int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
        if (schemaId != 0 && !schemas.containsKey(schemaId)) {
            throw new IllegalArgumentException("no schema " + schemaId + " for channel " + topic);
        }
        McapChannel c = new McapChannel(channels.size(), schemaId, topic, messageEncoding, metadata);
        channels.put(c.id(), c);
        return c.id();
    }

    /**
     * Adds a message to the current chunk, writing the chunk when it is full.
     *
     * @param logTime     nanoseconds since the epoch
     * @param publishTime nanoseconds since the epoch
     */
    public void write(int channelId, long logTime, long publishTime, byte[] data) throws IOException {
        McapChannel c = channels.get(channelId);
        if (c == null) {
            throw new IllegalArgumentException("no channel " + channelId);
        }
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        if (c.schemaId() != 0 && schemasWritten.add(c.schemaId())) {
            McapSchema s = schemas.get(c.schemaId());
            int at = chunk.beginRecord(Mcap.SCHEMA);
            chunk.u16(s.id()).string(s.name()).string(s.encoding()).bytes32(s.data());
            chunk.endRecord(at);
        }
        if (channelsWritten.add(channelId)) {
            channelRecord(chunk, c);
        }
        long seq = sequences.merge(channelId, 1L, Long::sum) - 1;
        chunkIndexes.computeIfAbsent(channelId, k -> new LeBuffer(256)).u64(logTime).u64(chunk.size());
        int at = chunk.beginRecord(Mcap.MESSAGE);
        chunk.u16(channelId).u32(seq).u64(logTime).u64(publishTime).raw(data);
        chunk.endRecord(at);
        chunkMessages++;
        chunkStart = Math.min(chunkStart, logTime);
        chunkEnd = Math.max(chunkEnd, logTime);
        messageCount++;
        messageStart = Math.min(messageStart, logTime);
        messageEnd = Math.max(messageEnd, logTime);
        channelCounts.merge(channelId, 1L, Long::sum);
        if (chunk.size() >= chunkBytes) {
            flushChunk();
        }
    }

    private static void channelRecord(LeBuffer b, McapChannel c) {
        int at = b.beginRecord(Mcap.CHANNEL);
        b.u16(c.id()).u16(c.schemaId()).string(c.topic()).string(c.messageEncoding()).stringMap(c.metadata());
        b.endRecord(at);
    }

    /** Writes the current chunk (if it holds a message) and its Message Index records, in one write. */
    public void flushChunk() throws IOException {
        if (chunkMessages == 0) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 0, chunk.size());
        // The chunk's prefix, its records as they are (no copy), then its Message Index records: written back to back,
        // so that a cut anywhere leaves a record the reader sees as cut, never one it misreads.
        LeBuffer head = new LeBuffer(64);
        int at = head.beginRecord(Mcap.CHUNK);
        head.u64(chunkStart).u64(chunkEnd).u64(chunk.size()).u32(crc.getValue()).string("").u64(chunk.size());
        long chunkLength = head.size() + (long) chunk.size();
        head.u64At(at, chunkLength - Mcap.RECORD_PREFIX);
        long chunkOffset = position;
        LeBuffer b = new LeBuffer(256);
        Map<Integer, Long> indexOffsets = new LinkedHashMap<>();
        for (Map.Entry<Integer, LeBuffer> e : chunkIndexes.entrySet()) {
            indexOffsets.put(e.getKey(), chunkOffset + chunkLength + b.size());
            int ia = b.beginRecord(Mcap.MESSAGE_INDEX);
            b.u16(e.getKey()).u32(e.getValue().size()).raw(e.getValue().array(), 0, e.getValue().size());
            b.endRecord(ia);
        }
        long indexLength = b.size();
        writeData(head);
        writeData(chunk);
        writeData(b);
        LeBuffer ci = new LeBuffer(128);
        int ca = ci.beginRecord(Mcap.CHUNK_INDEX);
        ci.u64(chunkStart).u64(chunkEnd).u64(chunkOffset).u64(chunkLength);
        ci.u32(indexOffsets.size() * 10L);
        indexOffsets.forEach((k, v) -> ci.u16(k).u64(v));
        ci.u64(indexLength).string("").u64(chunk.size()).u64(chunk.size());
        ci.endRecord(ca);
        chunkIndexRecords.add(ci.toByteArray());
        chunkCount++;
        chunk.reset();
        chunkIndexes.clear();
        chunkMessages = 0;
        chunkStart = Long.MAX_VALUE;
        chunkEnd = Long.MIN_VALUE;
    }

    /** Bytes in the file so far plus those of the chunk being built. */
    public long bytesWritten() {
        return position + chunk.size();
    }

    public long messageCount() {
        return messageCount;
    }

    private void writeData(LeBuffer b) throws IOException {
        dataCrc.update(b.array(), 0, b.size());
        writeRaw(b);
    }

    private void writeRaw(LeBuffer b) throws IOException {
        out.write(b.array(), 0, b.size());
        position += b.size();
    }

    /** Writes the last chunk, Data End, the summary section, the Footer and the closing magic, and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flushChunk();
            closed = true;
            LeBuffer end = new LeBuffer(16);
            int at = end.beginRecord(Mcap.DATA_END);
            end.u32(dataCrc.getValue());
            end.endRecord(at);
            writeRaw(end);
            long summaryStart = position;
            LeBuffer s = new LeBuffer(4096);
            List<long[]> groups = new ArrayList<>(); // opcode, start, length
            int g = s.size();
            for (McapSchema schema : schemas.values()) {
                int sa = s.beginRecord(Mcap.SCHEMA);
                s.u16(schema.id()).string(schema.name()).string(schema.encoding()).bytes32(schema.data());
                s.endRecord(sa);
            }
            group(groups, Mcap.SCHEMA, summaryStart + g, s.size() - g);
            g = s.size();
            for (McapChannel c : channels.values()) {
                channelRecord(s, c);
            }
            group(groups, Mcap.CHANNEL, summaryStart + g, s.size() - g);
            g = s.size();
            int st = s.beginRecord(Mcap.STATISTICS);
            s.u64(messageCount).u16(schemas.size()).u32(channels.size()).u32(0).u32(0).u32(chunkCount)
                .u64(messageCount == 0 ? 0 : messageStart).u64(messageCount == 0 ? 0 : messageEnd);
            s.u32(channelCounts.size() * 10L);
            channelCounts.forEach((k, v) -> s.u16(k).u64(v));
            s.endRecord(st);
            group(groups, Mcap.STATISTICS, summaryStart + g, s.size() - g);
            g = s.size();
            for (byte[] r : chunkIndexRecords) {
                s.raw(r);
            }
            group(groups, Mcap.CHUNK_INDEX, summaryStart + g, s.size() - g);
            long summaryOffsetStart = summaryStart + s.size();
            for (long[] grp : groups) {
                int oa = s.beginRecord(Mcap.SUMMARY_OFFSET);
                s.u8((int) grp[0]).u64(grp[1]).u64(grp[2]);
                s.endRecord(oa);
            }
            // Footer: its CRC covers the summary section through the footer's summary_offset_start field.
            s.u8(Mcap.FOOTER).u64(FOOTER_LENGTH).u64(summaryStart).u64(summaryOffsetStart);
            CRC32 summaryCrc = new CRC32();
            summaryCrc.update(s.array(), 0, s.size());
            s.u32(summaryCrc.getValue());
            s.raw(Mcap.MAGIC);
            writeRaw(s);
            out.flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private static void group(List<long[]> groups, int opcode, long start, long length) {
        if (length > 0) {
            groups.add(new long[] {opcode, start, length});
        }
    }
}

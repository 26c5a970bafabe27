package io.sightline.perception.mcap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A growable little-endian byte buffer with the MCAP primitive encodings (spec "Serialization"). */
final class LeBuffer {
    private byte[] bytes;
    private int size;

    LeBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The backing array; valid up to {@link #size()}. */
    byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    LeBuffer u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    LeBuffer u16(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        return this;
    }

    LeBuffer u32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    LeBuffer u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Overwrites the u64 at {@code at} (a record's length once its content is known). */
    void u64At(int at, long v) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
    }

    void u32At(int at, long v) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
    }

    LeBuffer raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        return this;
    }

    LeBuffer raw(byte[] b) {
        return raw(b, 0, b.length);
    }

    /** u32 length + UTF-8. */
    LeBuffer string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u32(b.length).raw(b);
    }

    /** u32 length + bytes. */
    LeBuffer bytes32(byte[] b) {
        return u32(b.length).raw(b);
    }

    /** u32 byte length + (string key, string value) pairs. */
    LeBuffer stringMap(Map<String, String> m) {
        int at = size;
        u32(0);
        for (Map.Entry<String, String> e : m.entrySet()) {
            string(e.getKey()).string(e.getValue());
        }
        u32At(at, size - at - 4);
        return this;
    }

    /** Starts a record: opcode and a length to be filled by {@link #endRecord}; returns where the length sits. */
    int beginRecord(int opcode) {
        u8(opcode);
        int at = size;
        u64(0);
        return at;
    }

    /** Fills in the length of the record begun at {@code lengthAt}; returns the record's whole length. */
    long endRecord(int lengthAt) {
        long content = size - lengthAt - 8;
        u64At(lengthAt, content);
        return content + Mcap.RECORD_PREFIX;
    }
}

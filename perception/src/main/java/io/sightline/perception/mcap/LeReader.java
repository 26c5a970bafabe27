package io.sightline.perception.mcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the MCAP primitive encodings from a record's content. */
final class LeReader {
    private final ByteBuffer b;

    LeReader(byte[] bytes, int offset, int length) {
        b = ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    LeReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    int u8() {
        return b.get() & 0xFF;
    }

    int u16() {
        return b.getShort() & 0xFFFF;
    }

    long u32() {
        return b.getInt() & 0xFFFFFFFFL;
    }

    long u64() {
        return b.getLong();
    }

    int position() {
        return b.position();
    }

    int remaining() {
        return b.remaining();
    }

    byte[] bytes(int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    byte[] bytes32() {
        return bytes(Math.toIntExact(u32()));
    }

    String string() {
        return new String(bytes32(), StandardCharsets.UTF_8);
    }

    Map<String, String> stringMap() {
        long end = b.position() + u32();
        Map<String, String> m = new LinkedHashMap<>();
        while (b.position() < end) {
            m.put(string(), string());
        }
        return m;
    }

    Map<Integer, Long> u16u64Map() {
        long end = b.position() + u32();
        Map<Integer, Long> m = new LinkedHashMap<>();
        while (b.position() < end) {
            m.put(u16(), u64());
        }
        return m;
    }
}

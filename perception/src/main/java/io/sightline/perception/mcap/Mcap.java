package io.sightline.perception.mcap;

/**
 * Constants of the MCAP file format (https://mcap.dev/spec, version 0): the magic that opens and closes a file and the
 * record opcodes. Every record is {@code opcode u8, length u64 LE, content}; integers are little-endian, strings and
 * byte arrays carry a u32 length prefix, maps and arrays a u32 byte-length prefix.
 */
public final class Mcap {
    /** 0x89 "MCAP0" CR LF: the major version is the '0'. */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};

    static final int HEADER = 0x01;
    static final int FOOTER = 0x02;
    static final int SCHEMA = 0x03;
    static final int CHANNEL = 0x04;
    static final int MESSAGE = 0x05;
    static final int CHUNK = 0x06;
    static final int MESSAGE_INDEX = 0x07;
    static final int CHUNK_INDEX = 0x08;
    static final int STATISTICS = 0x0B;
    static final int SUMMARY_OFFSET = 0x0E;
    static final int DATA_END = 0x0F;

    /** Opcode and length prefix of every record. */
    static final int RECORD_PREFIX = 1 + 8;

    private Mcap() {
    }
}

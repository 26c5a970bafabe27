package io.sightline.perception.scene;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads a JSON Lines file (https://jsonlines.org) line by line as raw bytes, without parsing, so that
 * a corrupt line can be reported with its number and the rest still read. A "\r" before "\n" is dropped.
 */
final class JsonLines implements Iterator<JsonLines.Line>, Closeable {
    /**
     * One line.
     *
     * @param number     1-based line number
     * @param offset     byte offset of the line's first byte in the file
     * @param bytes      the line without its line end
     * @param terminated false for a last line that has no "\n" (a truncated write)
     */
    record Line(int number, long offset, byte[] bytes, boolean terminated) {
        boolean isBlank() {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private long position;
    private int number;
    private Line next;
    private boolean eof;

    private JsonLines(InputStream in, long startOffset, int startNumber) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.position = startOffset;
        this.number = startNumber;
    }

    static JsonLines open(Path file) throws IOException {
        return new JsonLines(Files.newInputStream(file), 0, 0);
    }

    /** Starts reading at a known line start (from an earlier pass), e.g. for random access to one frame. */
    static JsonLines openAt(Path file, long offset, int lineNumber) throws IOException {
        SeekableByteChannel ch = Files.newByteChannel(file);
        try {
            ch.position(offset);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new JsonLines(Channels.newInputStream(ch), offset, lineNumber - 1);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !eof) {
            next = readLine();
        }
        return next != null;
    }

    @Override
    public Line next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Line l = next;
        next = null;
        return l;
    }

    private Line readLine() {
        try {
            buffer.reset();
            long start = position;
            int b;
            while ((b = in.read()) != -1) {
                position++;
                if (b == '\n') {
                    return line(start, true);
                }
                buffer.write(b);
            }
            eof = true;
            return buffer.size() == 0 ? null : line(start, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Line line(long start, boolean terminated) {
        byte[] bytes = buffer.toByteArray();
        if (terminated && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return new Line(++number, start, bytes, terminated);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

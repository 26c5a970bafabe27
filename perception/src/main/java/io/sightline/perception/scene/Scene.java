package io.sightline.perception.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An opened scene folder: its {@link SceneInfo} and lazy access to annotations and frames.
 *
 * <p>Corrupt annotation lines never crash a read with anything but {@link SceneFormatException}
 * (file, line, message). {@link #frames()} throws it at the first bad line; {@link #frames(Consumer)}
 * hands each bad line's exception to a callback and skips the line, as replay does (skip and count).
 */
public final class Scene {
    private final Path dir;
    private final SceneInfo info;
    private long[] lineOffsets;

    Scene(Path dir, SceneInfo info) {
        this.dir = dir;
        this.info = info;
    }

    public Path dir() {
        return dir;
    }

    public SceneInfo info() {
        return info;
    }

    public int frameCount() {
        return info.frameCount();
    }

    public Path annotationsPath() {
        return dir.resolve(SceneLayout.ANNOTATIONS);
    }

    /** Path of frame {@code index}'s image: {@code <dir>/frames/NNNNNN.<frame_format>}. */
    public Path framePath(int index) {
        return SceneLayout.framePath(dir, index, info.frameFormat());
    }

    /** Decoded BGR image of frame {@code index} (caller closes); throws SceneFormatException if missing or corrupt. */
    public Mat readImage(int index) {
        return FrameImages.read(framePath(index));
    }

    /** Frame {@code index} decoded at 1/{@code scale} of the camera's size (see {@link DecodeScale}). */
    public Mat readImage(int index, int scale) {
        return FrameImages.read(framePath(index), scale);
    }

    /** Every frame's annotation in index order; throws {@link SceneFormatException} at the first bad line. Close the stream. */
    public Stream<FrameAnnotation> frames() {
        return frames(e -> {
            throw e;
        });
    }

    /**
     * Every readable frame's annotation in index order; a bad line (malformed, truncated, missing fields,
     * index out of order) is passed to {@code onBadLine} and skipped. Close the stream.
     */
    public Stream<FrameAnnotation> frames(Consumer<SceneFormatException> onBadLine) {
        JsonLines lines = openLines();
        Iterator<FrameAnnotation> it = new Iterator<>() {
            private FrameAnnotation next;

            @Override
            public boolean hasNext() {
                while (next == null && hasMoreLines(lines)) {
                    JsonLines.Line line = lines.next();
                    try {
                        next = decode(line);
                    } catch (SceneFormatException e) {
                        onBadLine.accept(e);
                    }
                }
                return next != null;
            }

            @Override
            public FrameAnnotation next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FrameAnnotation f = next;
                next = null;
                return f;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
            .onClose(() -> closeQuietly(lines));
    }

    /**
     * The annotation of frame {@code index} (line {@code index + 1}). The first call indexes the line
     * starts of annotations.jsonl (no parsing); each call then reads and parses one line.
     *
     * @throws SceneFormatException when the line is missing or bad
     */
    public FrameAnnotation annotation(int index) {
        long[] offsets = lineOffsets();
        if (index < 0 || index >= offsets.length) {
            throw new SceneFormatException(annotationsPath(), 0,
                "no line for frame " + index + ": the file has " + offsets.length + " lines");
        }
        try (JsonLines lines = JsonLines.openAt(annotationsPath(), offsets[index], index + 1)) {
            return decode(lines.next());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + annotationsPath(), e);
        }
    }

    /** An I/O failure mid-file (a folder in place of the file, a disk error) is a format error of that file. */
    private boolean hasMoreLines(JsonLines lines) {
        try {
            return lines.hasNext();
        } catch (UncheckedIOException e) {
            throw new SceneFormatException(annotationsPath(), 0, "unreadable: " + e.getCause().getMessage());
        }
    }

    private FrameAnnotation decode(JsonLines.Line line) {
        AnnotationLine decoded = AnnotationLine.decode(annotationsPath(), line);
        if (!decoded.ok()) {
            throw decoded.toException();
        }
        int expected = line.number() - 1;
        if (decoded.frame().index() != expected) {
            throw new SceneFormatException(annotationsPath(), line.number(),
                "index: " + decoded.frame().index() + " out of order; line " + line.number() + " must hold frame " + expected);
        }
        return decoded.frame();
    }

    private synchronized long[] lineOffsets() {
        if (lineOffsets == null) {
            try (JsonLines lines = openLines()) {
                long[] offsets = new long[Math.max(16, info.frameCount())];
                int n = 0;
                while (hasMoreLines(lines)) {
                    if (n == offsets.length) {
                        offsets = java.util.Arrays.copyOf(offsets, n * 2);
                    }
                    offsets[n++] = lines.next().offset();
                }
                lineOffsets = java.util.Arrays.copyOf(offsets, n);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + annotationsPath(), e);
            }
        }
        return lineOffsets;
    }

    private JsonLines openLines() {
        try {
            return JsonLines.open(annotationsPath());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SceneFormatException(annotationsPath(), 0, "missing");
        } catch (IOException e) {
            throw new SceneFormatException(annotationsPath(), 0, "unreadable: " + e);
        }
    }

    private static void closeQuietly(JsonLines lines) {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.sightline.perception.scene;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes a scene folder: scene.json, frames/NNNNNN.jpg|png and annotations.jsonl (one line per frame,
 * flushed as written, so an interrupted recording leaves every complete frame readable).
 *
 * <p>Output is deterministic: the same info, annotations and pixels give byte-identical files (fixed key
 * order and number rounding, see docs/scene-format.md; fixed JPEG quality / PNG compression).
 * scene.json is written on {@link #create} and rewritten on {@link #close()} with {@code frame_count}
 * set to the number of frames actually written.
 */
public final class SceneWriter implements AutoCloseable {
    private final Path dir;
    private final SceneInfo info;
    private final OutputStream annotations;
    private int written;
    private boolean closed;

    private SceneWriter(Path dir, SceneInfo info, OutputStream annotations) {
        this.dir = dir;
        this.info = info;
        this.annotations = annotations;
    }

    /** Creates {@code dir} (which must not exist or be empty) with its frames/ folder and scene.json. */
    public static SceneWriter create(Path dir, SceneInfo info) {
        if (info.formatVersion() != SceneInfo.FORMAT_VERSION) {
            throw new IllegalArgumentException("can only write scene format " + SceneInfo.FORMAT_VERSION + ", got " + info.formatVersion());
        }
        if (!SceneLayout.FRAME_FORMATS.contains(info.frameFormat())) {
            throw new IllegalArgumentException("frame format must be one of " + SceneLayout.FRAME_FORMATS + ", got " + info.frameFormat());
        }
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("scene folder " + dir + " is not empty; refusing to overwrite");
                    }
                }
            }
            Files.createDirectories(dir.resolve(SceneLayout.FRAMES_DIR));
            Files.write(dir.resolve(SceneLayout.SCENE_JSON), SceneEncoder.sceneJson(info));
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(SceneLayout.ANNOTATIONS),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            return new SceneWriter(dir, info, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create scene folder " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Number of frames written so far; the next frame's index. */
    public int framesWritten() {
        return written;
    }

    /** Encodes {@code image} (8-bit BGR, the camera's size) in the scene's frame format and appends the frame. */
    public void writeFrame(Mat image, FrameAnnotation annotation) {
        int w = info.camera().width();
        int h = info.camera().height();
        if (image.cols() != w || image.rows() != h) {
            throw new IllegalArgumentException("frame " + annotation.index() + " is " + image.cols() + "x" + image.rows()
                + " but camera " + info.camera().name() + " is " + w + "x" + h);
        }
        writeFrame(FrameImages.encode(image, info.frameFormat()), annotation);
    }

    /** Appends a frame whose image is already encoded in the scene's frame format. */
    public void writeFrame(byte[] encodedImage, FrameAnnotation annotation) {
        if (closed) {
            throw new IllegalStateException("scene writer for " + dir + " is closed");
        }
        if (annotation.index() != written) {
            throw new IllegalArgumentException("frames must be written in index order: expected index " + written + ", got " + annotation.index());
        }
        String expectedFile = SceneLayout.frameFile(written, info.frameFormat());
        if (!expectedFile.equals(annotation.file())) {
            throw new IllegalArgumentException("frame " + written + " must have file \"" + expectedFile + "\", got \"" + annotation.file() + "\"");
        }
        byte[] line = SceneEncoder.annotationLine(annotation);
        FrameImages.writeBytes(dir.resolve(expectedFile), encodedImage);
        try {
            annotations.write(line);
            annotations.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(SceneLayout.ANNOTATIONS), e);
        }
        written++;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            annotations.close();
            SceneInfo finalInfo = new SceneInfo(info.formatVersion(), info.name(), info.camera(), info.fps(), written,
                info.frameFormat(), info.generator(), info.split());
            Files.write(dir.resolve(SceneLayout.SCENE_JSON), SceneEncoder.sceneJson(finalInfo));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish scene folder " + dir, e);
        }
    }
}

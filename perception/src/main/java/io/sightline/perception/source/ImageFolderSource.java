package io.sightline.perception.source;

import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.scene.SceneFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The images of one folder (.jpg, .jpeg, .png, .bmp) in file-name order, as fast as they decode. A
 * single image file is a folder of one. Unreadable or truncated images are skipped and counted.
 */
public final class ImageFolderSource implements FrameSource {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    private final Path path;
    private final String cameraId;
    private final SourceCounters counters = new SourceCounters();
    private List<Path> files;
    private int nextIndex;
    private long seq;

    public ImageFolderSource(Path path, String cameraId) {
        this.path = path;
        this.cameraId = cameraId;
    }

    /** Whether a folder's file counts as an image (.jpg, .jpeg, .png, .bmp, any case): the one rule for image folders. */
    public static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Whether the folder holds at least one image file (unreadable folders count as holding none). */
    static boolean hasImages(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(f -> Files.isRegularFile(f) && isImage(f));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void open() {
        if (Files.isRegularFile(path)) {
            files = List.of(path);
            return;
        }
        if (!Files.isDirectory(path)) {
            counters.state(SourceState.FAILED, "no such file or folder");
            throw new SourceException(describe() + ": no such file or folder");
        }
        try (Stream<Path> s = Files.list(path)) {
            files = s.filter(Files::isRegularFile).filter(ImageFolderSource::isImage).sorted().toList();
        } catch (IOException e) {
            throw new SourceException(describe() + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            counters.state(SourceState.FAILED, "no .jpg/.jpeg/.png/.bmp images");
            throw new SourceException(describe() + ": no .jpg/.jpeg/.png/.bmp images");
        }
    }

    @Override
    public Optional<Frame> next() {
        if (files == null) {
            throw new SourceException(describe() + ": next() before open()");
        }
        while (nextIndex < files.size()) {
            int index = nextIndex++;
            Mat m;
            try {
                m = FrameImages.read(files.get(index));
            } catch (SceneFormatException e) {
                counters.skipped(e.getMessage());
                continue;
            }
            counters.delivered();
            return Optional.of(new Frame(seq++, cameraId, System.nanoTime(), System.currentTimeMillis(), index, m));
        }
        counters.state(SourceState.ENDED, "");
        return Optional.empty();
    }

    /** The image files found by {@link #open()}, in delivery order (frame sourceIndex indexes this list). */
    public List<Path> files() {
        return files == null ? List.of() : files;
    }

    @Override
    public SourceStatus status() {
        return counters.status();
    }

    @Override
    public String describe() {
        return "images " + path;
    }

    @Override
    public void close() {
        counters.closed();
    }
}

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
 * The images of one folder (.jpg, .jpeg, .png, .bmp) in file-name order, paced at {@code fps} (or as fast as they
 * decode), starting over after the last with {@code loop}. A single image file is a folder of one. Unreadable or
 * truncated images are skipped and counted.
 */
public final class ImageFolderSource implements FrameSource {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    private final Path path;
    private final String cameraId;
    private final SourceCounters counters = new SourceCounters();
    private final Pacer pacer;
    private final long periodNanos;
    private final boolean loop;
    private volatile SourceInfo info;
    private boolean deliveredInPass;
    private List<Path> files;
    private int nextIndex;
    private long seq;

    /** Once, as fast as the images decode (offline commands). */
    public ImageFolderSource(Path path, String cameraId) {
        this(path, cameraId, ReplayPacing.AS_FAST_AS_POSSIBLE, SourceOptions.IMAGE_FOLDER_FPS, false);
    }

    /** @param fps the rate with {@link ReplayPacing#RECORDED_FPS} (> 0) */
    public ImageFolderSource(Path path, String cameraId, ReplayPacing pacing, double fps, boolean loop) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("image folder fps must be > 0, got " + fps);
        }
        this.path = path;
        this.cameraId = cameraId;
        this.pacer = new Pacer(PaceClock.SYSTEM, pacing);
        this.periodNanos = Math.round(1e9 / fps);
        this.loop = loop;
        this.info = new SourceInfo(path.toString(), 0, 0, pacing == ReplayPacing.RECORDED_FPS ? fps : 0, "");
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
        pacer.start();
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
        while (true) {
            if (nextIndex >= files.size()) {
                if (!loop || !deliveredInPass) {
                    break; // a loop over a folder of unreadable images would spin forever
                }
                nextIndex = 0;
                deliveredInPass = false;
            }
            int index = nextIndex++;
            Mat m;
            try {
                m = FrameImages.read(files.get(index));
            } catch (SceneFormatException e) {
                counters.skipped(e.getMessage());
                continue;
            }
            long capture = pacer.release(seq * periodNanos);
            if (info.width() != m.cols() || info.height() != m.rows()) {
                info = info.withSize(m.cols(), m.rows());
            }
            counters.delivered();
            deliveredInPass = true;
            return Optional.of(new Frame(seq++, cameraId, capture, pacer.epochMs(capture), index, m));
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
    public SourceInfo info() {
        return info;
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

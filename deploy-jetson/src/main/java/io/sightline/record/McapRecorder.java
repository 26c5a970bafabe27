package io.sightline.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Timestamp;
import io.sightline.perception.mcap.McapWriter;
import io.sightline.perception.scene.FrameImages;
import io.sightline.perception.service.FrameRecorder;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.McapSource;
import io.sightline.record.foxglove.CompressedImage;
import io.sightline.service.config.RecordSection;
import io.sightline.transport.mqtt.OutboundMessage;
import io.sightline.transport.mqtt.PublishListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run --record}: an MCAP recording (ARCHITECTURE.md section 10) of every message the service publishes, one
 * channel per topic with the message's Protobuf schema (a FileDescriptorSet), and of the camera frames as
 * {@code foxglove.CompressedImage} (JPEG) on {@code camera/{camera_id}/image}. Off the frame path: the pipeline and
 * the MQTT client only put a copy in a bounded queue (full: the item is dropped and counted); one writer thread
 * encodes the JPEGs and writes chunks, at least once a second so that a killed process loses at most about a second.
 * A file that reaches {@code record.max_bytes} or {@code record.max_duration_s} is closed (summary and footer
 * written) and the next one opened. An I/O error (a full disk) stops the recording, never the service:
 * {@link #failure()} says why and the status turns DEGRADED with that reason.
 */
public final class McapRecorder implements FrameRecorder, PublishListener {
    private static final Logger log = LoggerFactory.getLogger(McapRecorder.class);
    /** Chunk size: big enough for the per-chunk overhead to vanish, small enough to lose little when killed. */
    static final int CHUNK_BYTES = 1 << 20;
    private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How a file is opened (tests inject a disk that fills up). */
    @FunctionalInterface
    public interface FileOpener {
        OutputStream open(Path file) throws IOException;
    }

    private sealed interface Item permits Published, Image, Stop {
    }

    private record Published(String topic, Descriptor type, ByteString payload, long epochNanos) implements Item {
    }

    private record Image(Mat mat, long epochNanos, int sensorWidth, int sensorHeight) implements Item {
    }

    private record Stop() implements Item {
    }

    private final RecordSection settings;
    private final Path first;
    private final String cameraId;
    private final String library;
    private final Map<String, String> frameMetadata;
    private final FileOpener opener;
    private final BlockingQueue<Item> queue;
    private final Thread writerThread;
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong droppedMessages = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong bytesClosed = new AtomicLong();
    private final List<Path> files = new ArrayList<>();
    private final Map<String, Long> writtenByTopic = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String failure;
    private volatile boolean closed;
    // writer thread only
    private McapWriter writer;
    private Path current;
    private long fileStartNanos;
    private long lastFlushNanos;
    private final Map<String, Integer> channels = new HashMap<>();
    private final Map<String, Integer> schemas = new HashMap<>();

    /**
     * @param first         the first file (rotation names the next ones after it)
     * @param cameraId      the camera whose frames are recorded
     * @param library       the writer's name and version in each file's Header
     * @param frameMetadata metadata of the frames channel (the camera's files, for replay)
     */
    public McapRecorder(RecordSection settings, Path first, String cameraId, String library,
                        Map<String, String> frameMetadata, FileOpener opener) {
        this.settings = settings;
        this.first = first;
        this.cameraId = cameraId;
        this.library = library;
        this.frameMetadata = Map.copyOf(frameMetadata);
        this.opener = opener;
        this.queue = new ArrayBlockingQueue<>(settings.queue());
        this.writerThread = new Thread(this::runWriter, "sightline-recorder");
        this.writerThread.setDaemon(true);
    }

    /** Starts the writer thread; the first file is created with the first item. */
    public static McapRecorder start(RecordSection settings, Path first, String cameraId, String library,
                                     Map<String, String> frameMetadata) {
        return start(settings, first, cameraId, library, frameMetadata, f -> Files.newOutputStream(f,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }

    public static McapRecorder start(RecordSection settings, Path first, String cameraId, String library,
                                     Map<String, String> frameMetadata, FileOpener opener) {
        Path parent = first.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("record.path: folder " + parent + " does not exist");
        }
        McapRecorder r = new McapRecorder(settings, first, cameraId, library, frameMetadata, opener);
        r.writerThread.start();
        return r;
    }

    /** The frames channel's topic in the recording (not an MQTT topic). */
    public static String frameTopic(String cameraId) {
        return "camera/" + cameraId + "/image";
    }

    @Override
    public void published(OutboundMessage message, long epochNanos) {
        if (failure != null || closed) {
            return;
        }
        if (!queue.offer(new Published(message.topic(), message.channel().payload(), message.payload(), epochNanos))) {
            droppedMessages.incrementAndGet();
        }
    }

    @Override
    public void frame(Frame frame) {
        if (!settings.frames() || failure != null || closed) {
            return;
        }
        if (queue.remainingCapacity() == 0) { // no copy for a frame that would be dropped
            droppedFrames.incrementAndGet();
            return;
        }
        Mat copy = frame.image().clone();
        if (!queue.offer(new Image(copy, frame.captureEpochMs() * 1_000_000L, frame.width(), frame.height()))) {
            copy.close();
            droppedFrames.incrementAndGet();
        }
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Counters: items written, dropped because the queue was full, files so far. */
    public record Counters(long written, long droppedFrames, long droppedMessages, List<Path> files, long bytes) {
    }

    public Counters counters() {
        synchronized (files) {
            McapWriter w = writer;
            return new Counters(written.get(), droppedFrames.get(), droppedMessages.get(), List.copyOf(files),
                bytesClosed.get() + (w == null ? 0 : w.bytesWritten()));
        }
    }

    private void runWriter() {
        try {
            while (true) {
                Item item = queue.poll(200, TimeUnit.MILLISECONDS);
                if (item instanceof Stop) {
                    break;
                }
                if (item != null) {
                    handle(item);
                }
                if (failure == null && writer != null && System.nanoTime() - lastFlushNanos > FLUSH_EVERY_NANOS) {
                    guarded(() -> {
                        writer.flushChunk();
                        lastFlushNanos = System.nanoTime();
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Item left; (left = queue.poll()) != null; ) {
                release(left);
            }
            if (failure == null && writer != null) {
                guarded(this::closeFile);
            }
        }
    }

    private void handle(Item item) {
        if (failure != null) {
            release(item);
            return;
        }
        try {
            guarded(() -> {
                rotateIfDue();
                if (item instanceof Published p) {
                    write(p.topic(), p.type(), Map.of(), p.epochNanos(), p.payload().toByteArray());
                } else if (item instanceof Image i) {
                    write(frameTopic(cameraId), CompressedImage.getDescriptor(), frameChannelMetadata(i), i.epochNanos(),
                        image(i));
                }
                written.incrementAndGet();
            });
        } finally {
            release(item);
        }
    }

    private Map<String, String> frameChannelMetadata(Image i) {
        Map<String, String> m = new LinkedHashMap<>(frameMetadata);
        m.put(McapSource.SENSOR_WIDTH, String.valueOf(i.sensorWidth()));
        m.put(McapSource.SENSOR_HEIGHT, String.valueOf(i.sensorHeight()));
        m.put("camera_id", cameraId);
        return m;
    }

    private byte[] image(Image i) {
        long s = i.epochNanos() / 1_000_000_000L;
        return CompressedImage.newBuilder()
            .setTimestamp(Timestamp.newBuilder().setSeconds(s).setNanos((int) (i.epochNanos() - s * 1_000_000_000L)))
            .setFrameId(cameraId)
            .setData(ByteString.copyFrom(FrameImages.encode(i.mat(), "jpg")))
            .setFormat("jpeg")
            .build().toByteArray();
    }

    private static void release(Item item) {
        if (item instanceof Image i) {
            i.mat().close();
        }
    }

    private interface IoStep {
        void run() throws IOException;
    }

    /** Runs a step; an I/O error stops the recording (never the service) and says why. */
    private void guarded(IoStep step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failure = "recording stopped: cannot write " + current + ": " + why
            + " (disk full? the file keeps its whole chunks; free space and restart to record again)";
        log.error("{}", failure);
        McapWriter w = writer;
        writer = null;
        if (w != null) {
            try {
                w.close();
            } catch (IOException | RuntimeException again) {
                // the disk is still full: the file ends at its last whole chunk, which readers accept
            }
        }
    }

    private void rotateIfDue() throws IOException {
        if (writer != null) {
            boolean bySize = settings.sizeLimit().map(max -> writer.bytesWritten() >= max).orElse(false);
            boolean byTime = settings.timeLimit().map(d -> System.nanoTime() - fileStartNanos >= d.toNanos()).orElse(false);
            if (bySize || byTime) {
                closeFile();
            }
        }
        if (writer == null) {
            Path next;
            synchronized (files) {
                next = RecordingFiles.nth(first, files.size());
            }
            current = next;
            McapWriter w = new McapWriter(opener.open(next), library, CHUNK_BYTES);
            channels.clear();
            schemas.clear();
            synchronized (files) {
                files.add(next);
                writer = w;
            }
            fileStartNanos = System.nanoTime();
            lastFlushNanos = fileStartNanos;
            log.info("recording to {}", next);
        }
    }

    private void closeFile() throws IOException {
        McapWriter w = writer;
        w.close();
        synchronized (files) {
            bytesClosed.addAndGet(w.bytesWritten());
            writer = null;
        }
        log.info("recording {} closed: {} messages", current, w.messageCount());
    }

    private void write(String topic, Descriptor type, Map<String, String> metadata, long epochNanos, byte[] data)
            throws IOException {
        Integer channel = channels.get(topic);
        if (channel == null) {
            Integer schema = schemas.get(type.getFullName());
            if (schema == null) {
                schema = writer.addSchema(type.getFullName(), ProtobufSchemas.ENCODING, ProtobufSchemas.fileDescriptorSet(type));
                schemas.put(type.getFullName(), schema);
            }
            channel = writer.addChannel(schema, topic, ProtobufSchemas.ENCODING, metadata);
            channels.put(topic, channel);
        }
        writer.write(channel, epochNanos, epochNanos, data);
        writtenByTopic.merge(topic, 1L, Long::sum);
    }

    /** Messages written per channel topic, over all files. */
    public Map<String, Long> writtenByTopic() {
        return Map.copyOf(writtenByTopic);
    }

    /** Writes what is queued, closes the file (summary, footer) and stops the writer thread. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(new Stop());
            writerThread.join(30_000);
            if (writerThread.isAlive()) {
                log.warn("recorder did not finish within 30 s; {} may lack its summary", current);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Counters c = counters();
        log.info("recording finished: {} items in {} file(s), {} frames and {} messages dropped (queue full){}", c.written(),
            c.files().size(), c.droppedFrames(), c.droppedMessages(), failure == null ? "" : "; " + failure);
    }
}

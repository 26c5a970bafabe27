package io.sightline.perception.source;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.sightline.perception.mcap.McapChannel;
import io.sightline.perception.mcap.McapFormatException;
import io.sightline.perception.mcap.McapMessage;
import io.sightline.perception.mcap.McapReader;
import io.sightline.perception.mcap.McapSchema;
import io.sightline.perception.scene.FrameImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The camera frames of an MCAP recording ({@code sightline run --record}): the messages of its
 * {@value #IMAGE_SCHEMA} channel (the first one, or the one whose topic is given) decoded from JPEG/PNG, released at
 * their recorded log times (or as fast as they decode), starting over at the end with {@code loop}. A recording cut
 * short (the writer was killed) plays up to its last whole chunk; an undecodable image is skipped and counted.
 */
public final class McapSource implements FrameSource {
    /** The Protobuf schema name of recorded frames (Foxglove's image message). */
    public static final String IMAGE_SCHEMA = "foxglove.CompressedImage";
    /** Channel metadata keys of the frames channel: the sensor size the images stand for. */
    public static final String SENSOR_WIDTH = "sensor_width";
    public static final String SENSOR_HEIGHT = "sensor_height";

    private final Path file;
    private final String cameraId;
    private final Optional<String> topic;
    private final SourceCounters counters = new SourceCounters();
    private final Pacer pacer;
    private final boolean loop;
    private volatile SourceInfo info;
    private McapReader reader;
    private int frameChannel = -1;
    private long firstLogTime = Long.MIN_VALUE;
    private long passOffset;
    private long lastOffset;
    private boolean deliveredInPass;
    private int index;
    private long seq;

    /**
     * @param topic the frames channel's topic; empty = the first {@value #IMAGE_SCHEMA} channel
     */
    public McapSource(Path file, String cameraId, Optional<String> topic, ReplayPacing pacing, boolean loop) {
        this.file = file;
        this.cameraId = cameraId;
        this.topic = topic;
        this.pacer = new Pacer(PaceClock.SYSTEM, pacing);
        this.loop = loop;
        this.info = new SourceInfo(file.toString(), 0, 0, 0, "mcap");
    }

    /** Whether {@code file} starts with the MCAP magic. */
    public static boolean isMcap(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return Arrays.equals(head, new byte[] {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'});
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void open() {
        pacer.start();
        reopen();
    }

    private void reopen() {
        try {
            if (reader != null) {
                reader.close();
            }
            reader = McapReader.open(file);
        } catch (IOException | McapFormatException e) {
            counters.state(SourceState.FAILED, e.getMessage());
            throw new SourceException(describe() + ": " + e.getMessage(), e);
        }
        frameChannel = -1;
        index = 0;
    }

    @Override
    public Optional<Frame> next() {
        if (reader == null) {
            throw new SourceException(describe() + ": next() before open()");
        }
        while (true) {
            Optional<McapMessage> m;
            try {
                m = reader.next();
            } catch (IOException | McapFormatException e) {
                counters.state(SourceState.FAILED, e.getMessage());
                throw new SourceException(describe() + ": " + e.getMessage(), e);
            }
            if (m.isEmpty()) {
                if (reader.truncated() && index == 0 && !deliveredInPass) {
                    counters.skipped(file + " ends before its first whole chunk");
                }
                if (!loop || !deliveredInPass) {
                    break;
                }
                passOffset = lastOffset + 100_000_000L; // the next pass starts a tenth of a second after this one ends
                firstLogTime = Long.MIN_VALUE;
                deliveredInPass = false;
                reopen();
                continue;
            }
            if (!isFrame(m.get())) {
                continue;
            }
            int at = index++;
            McapChannel channel = reader.channels().get(m.get().channelId());
            Optional<Frame> f = decode(m.get(), channel, at);
            if (f.isPresent()) {
                return f;
            }
        }
        counters.state(SourceState.ENDED, reader.truncated() ? "recording cut short (no summary): played its whole chunks" : "");
        return Optional.empty();
    }

    private boolean isFrame(McapMessage m) {
        if (frameChannel >= 0) {
            return m.channelId() == frameChannel;
        }
        McapChannel c = reader.channels().get(m.channelId());
        McapSchema s = reader.schemas().get(c.schemaId());
        boolean match = s != null && IMAGE_SCHEMA.equals(s.name()) && topic.map(c.topic()::equals).orElse(true);
        if (match) {
            frameChannel = c.id();
        }
        return match;
    }

    private Optional<Frame> decode(McapMessage m, McapChannel channel, int at) {
        byte[] data;
        try {
            data = imageData(m.data());
        } catch (IOException e) {
            counters.skipped(describe() + ": message " + at + " is not a " + IMAGE_SCHEMA + ": " + e.getMessage());
            return Optional.empty();
        }
        Mat image = FrameImages.decode(data);
        if (image.empty()) {
            image.close();
            counters.skipped(describe() + ": frame " + at + ": OpenCV cannot decode its " + data.length + " bytes");
            return Optional.empty();
        }
        if (firstLogTime == Long.MIN_VALUE) {
            firstLogTime = m.logTime();
        }
        lastOffset = passOffset + Math.max(0, m.logTime() - firstLogTime);
        long capture = pacer.release(lastOffset);
        int w = sensor(channel.metadata(), SENSOR_WIDTH, image.cols());
        int h = sensor(channel.metadata(), SENSOR_HEIGHT, image.rows());
        if (info.width() != w || info.height() != h) {
            info = info.withSize(w, h);
        }
        counters.delivered();
        deliveredInPass = true;
        return Optional.of(new Frame(seq++, cameraId, capture, pacer.epochMs(capture), at, image, w, h));
    }

    private static int sensor(Map<String, String> metadata, String key, int decoded) {
        try {
            return Math.max(decoded, Integer.parseInt(metadata.getOrDefault(key, "0")));
        } catch (NumberFormatException e) {
            return decoded;
        }
    }

    /** Field 2 ({@code bytes data}) of a foxglove.CompressedImage. */
    static byte[] imageData(byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        byte[] data = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                data = in.readByteArray();
            } else {
                in.skipField(tag);
            }
        }
        if (data == null) {
            throw new IOException("no data field");
        }
        return data;
    }

    /**
     * The metadata of the recording's frames channel (the recorder puts the camera's files there, for replay), read
     * from the start of the file up to that channel's first frame; empty when it has no frames.
     */
    public static Map<String, String> frameChannelMetadata(Path file, Optional<String> topic) {
        McapSource s = new McapSource(file, "probe", topic, ReplayPacing.AS_FAST_AS_POSSIBLE, false);
        try {
            s.reopen();
            for (Optional<McapMessage> m = s.reader.next(); m.isPresent(); m = s.reader.next()) {
                if (s.isFrame(m.get())) {
                    return s.reader.channels().get(s.frameChannel).metadata();
                }
            }
            return Map.of();
        } catch (IOException | McapFormatException e) {
            throw new SourceException(s.describe() + ": " + e.getMessage(), e);
        } finally {
            s.close();
        }
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
        return "recording " + file;
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            // nothing to release beyond the file handle
        }
        counters.closed();
    }
}

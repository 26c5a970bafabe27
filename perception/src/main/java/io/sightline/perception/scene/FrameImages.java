package io.sightline.perception.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encodes and decodes scene frame images with OpenCV, and tells a corrupt or truncated one apart. */
public final class FrameImages {
    /** JPEG quality of written frames; fixed so that the same pixels give the same bytes. */
    public static final int JPEG_QUALITY = 92;
    private static final int PNG_COMPRESSION = 3;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The IEND chunk: length 0, type "IEND", CRC AE426082 (PNG spec section 11.2.5). */
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private FrameImages() {}

    /**
     * Reads and decodes a frame to an 8-bit BGR Mat (the caller closes it).
     *
     * @throws SceneFormatException when the file is missing, truncated or cannot be decoded
     */
    public static Mat read(Path file) {
        return read(file, 1);
    }

    /**
     * Reads and decodes a frame at 1/{@code scale} of its size (1, 2, 4 or 8; JPEG scales while decoding, other
     * formats are decoded and then shrunk by OpenCV).
     *
     * @throws SceneFormatException when the file is missing, truncated or cannot be decoded
     */
    public static Mat read(Path file, int scale) {
        int flag = DecodeScale.imreadFlag(scale);
        byte[] bytes = readBytes(file);
        Optional<String> incomplete = incompleteness(bytes, file);
        if (incomplete.isPresent()) {
            throw new SceneFormatException(file, 0, incomplete.get());
        }
        Mat image = decode(bytes, flag);
        if (image.empty()) {
            image.close();
            throw new SceneFormatException(file, 0, "corrupt image: OpenCV cannot decode its " + bytes.length + " bytes");
        }
        return image;
    }

    /** Decodes encoded image bytes; an empty Mat when OpenCV cannot decode them. */
    public static Mat decode(byte[] bytes) {
        return decode(bytes, IMREAD_COLOR);
    }

    private static Mat decode(byte[] bytes, int flag) {
        try (BytePointer data = new BytePointer(bytes); Mat buf = new Mat(1, bytes.length, CV_8UC1, data)) {
            return imdecode(buf, flag);
        }
    }

    /** Encodes a BGR frame as "jpg" or "png" with the scene format's fixed parameters. */
    public static byte[] encode(Mat image, String format) {
        if (!SceneLayout.FRAME_FORMATS.contains(format)) {
            throw new IllegalArgumentException("frame format must be one of " + SceneLayout.FRAME_FORMATS + ", got " + format);
        }
        int[] params = "jpg".equals(format)
            ? new int[] {IMWRITE_JPEG_QUALITY, JPEG_QUALITY}
            : new int[] {IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION};
        try (BytePointer out = new BytePointer(); IntPointer p = new IntPointer(params)) {
            if (!imencode("." + format, image, out, p)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " image as " + format);
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SceneFormatException(file, 0, "missing frame image");
        } catch (IOException e) {
            throw new SceneFormatException(file, 0, "unreadable frame image: " + e);
        }
    }

    /**
     * Why the bytes cannot be a complete JPEG/PNG file, if they cannot. OpenCV decodes a truncated JPEG
     * with only a warning (grey lower part), so an end-of-image marker check is needed besides decoding.
     */
    static Optional<String> incompleteness(byte[] b, Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (b.length == 0) {
            return Optional.of("empty file");
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
                return Optional.of("not a JPEG file (no SOI marker FFD8 at the start)");
            }
            if ((b[b.length - 2] & 0xff) != 0xFF || (b[b.length - 1] & 0xff) != 0xD9) {
                return Optional.of("truncated JPEG (no EOI marker FFD9 at the end)");
            }
        } else if (name.endsWith(".png")) {
            if (!startsWith(b, PNG_SIGNATURE, 0)) {
                return Optional.of("not a PNG file (bad signature)");
            }
            if (b.length < PNG_SIGNATURE.length + PNG_IEND.length || !startsWith(b, PNG_IEND, b.length - PNG_IEND.length)) {
                return Optional.of("truncated PNG (no IEND chunk at the end)");
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, byte[] prefix, int at) {
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write frame " + file, e);
        }
    }
}

package io.sightline.perception.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident set size from {@code /proc/self/status} (VmRSS, proc(5)): Java heap plus native
 * memory (OpenCV Mats, ONNX Runtime tensors), which a heap-only measure would miss.
 */
public final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** VmRSS in bytes; empty where /proc is not there (not Linux). */
    public static OptionalLong bytes() {
        try {
            return parse(Files.readString(STATUS));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The VmRSS line of a status file's text ("VmRSS:   123456 kB"). */
    static OptionalLong parse(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long kb = Long.parseLong(parts[0]);
                return OptionalLong.of(kb * 1024);
            }
        }
        return OptionalLong.empty();
    }
}

package io.sightline.runtime.tensorrt;

import java.util.Optional;

/**
 * Compares the TensorRT library found on the device with the one the JavaCPP preset was generated from.
 * The preset's JNI code calls into TensorRT's interface classes; a newer library serves an older preset
 * (NVIDIA keeps the C++ API backward compatible within a major version), but an older library lacks the
 * virtual methods added since, and calling one jumps through a vtable slot that is not there. So an
 * older device library, or another major version, makes TensorRT unavailable with this reason instead of
 * a crash later. {@code -Dsightline.tensorrt.allowOlder=true} overrides the minor-version check for
 * people who have verified their graphs on that combination.
 */
final class TensorRtVersionCheck {
    static final String ALLOW_OLDER = "sightline.tensorrt.allowOlder";

    private TensorRtVersionCheck() {
    }

    /**
     * @param loaded   getInferLibVersion() of the library on the device (major*10000 + minor*100 + patch)
     * @param compiled the preset's NV_TENSORRT_MAJOR/MINOR/PATCH in the same encoding
     * @return why the combination must not run, or empty when it may
     */
    static Optional<String> problem(int loaded, int compiled, boolean allowOlder) {
        int loadedMajor = loaded / 10000;
        int compiledMajor = compiled / 10000;
        String l = EngineCacheKey.versionText(loaded);
        String c = EngineCacheKey.versionText(compiled);
        if (loadedMajor != compiledMajor) {
            return Optional.of("the device has TensorRT " + l + " but the JavaCPP preset is for TensorRT " + c
                + " (another major version); build with the Maven profile that matches the JetPack release");
        }
        if (loaded / 100 < compiled / 100 && !allowOlder) {
            return Optional.of("the device has TensorRT " + l + ", older than the JavaCPP preset's " + c
                + "; upgrade TensorRT on the device, or set -D" + ALLOW_OLDER + "=true after checking the graphs on it");
        }
        return Optional.empty();
    }
}

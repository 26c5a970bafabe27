package io.sightline.runtime.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMajor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMinor;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, once per JVM, whether a CUDA device and the TensorRT libraries load. JavaCPP loads the JNI
 * wrappers on first use of a class; without the CUDA runtime that throws UnsatisfiedLinkError
 * ("no jnicudart in java.library.path"), and without TensorRT the same for jninvinfer. Both are caught
 * here and become the reason in {@link TensorRtAvailability}; nothing else in this package touches
 * a JavaCPP class before the probe said yes.
 */
public final class TensorRtProbe {
    private static final Logger log = LoggerFactory.getLogger(TensorRtProbe.class);
    private static volatile TensorRtAvailability result;

    private TensorRtProbe() {
    }

    public static TensorRtAvailability availability() {
        TensorRtAvailability r = result;
        if (r == null) {
            synchronized (TensorRtProbe.class) {
                if (result == null) {
                    result = probe();
                    log.debug("{}", result);
                }
                r = result;
            }
        }
        return r;
    }

    private static TensorRtAvailability probe() {
        String stage = "CUDA runtime (org.bytedeco.cuda cudart)";
        try {
            Loader.load(org.bytedeco.cuda.global.cudart.class);
            int[] count = new int[1];
            int status = cudaGetDeviceCount(count);
            if (status != 0) {
                return TensorRtAvailability.unavailable("CUDA: cudaGetDeviceCount failed: " + cudaGetErrorString(status).getString());
            }
            if (count[0] == 0) {
                return TensorRtAvailability.unavailable("CUDA: no CUDA device");
            }
            int[] major = new int[1];
            int[] minor = new int[1];
            CudaCalls.check(cudaDeviceGetAttribute(major, cudaDevAttrComputeCapabilityMajor, 0), "cudaDeviceGetAttribute");
            CudaCalls.check(cudaDeviceGetAttribute(minor, cudaDevAttrComputeCapabilityMinor, 0), "cudaDeviceGetAttribute");
            String device;
            try (cudaDeviceProp prop = new cudaDeviceProp()) {
                CudaCalls.check(cudaGetDeviceProperties(prop, 0), "cudaGetDeviceProperties");
                device = prop.name().getString();
            }
            stage = "TensorRT (org.bytedeco.tensorrt nvinfer)";
            Loader.load(nvinfer.class);
            int loaded = nvinfer.getInferLibVersion();
            int compiled = nvinfer.NV_TENSORRT_MAJOR * 10000 + nvinfer.NV_TENSORRT_MINOR * 100 + nvinfer.NV_TENSORRT_PATCH;
            var mismatch = TensorRtVersionCheck.problem(loaded, compiled, Boolean.getBoolean(TensorRtVersionCheck.ALLOW_OLDER));
            if (mismatch.isPresent()) {
                return TensorRtAvailability.unavailable(mismatch.get());
            }
            String version = EngineCacheKey.versionText(loaded);
            stage = "TensorRT ONNX parser (nvonnxparser)";
            Loader.load(nvonnxparser.class);
            return new TensorRtAvailability(true, "", version, major[0] + "." + minor[0], device);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            log.debug("{} did not load: {}", stage, rootMessage(e), e);
            return TensorRtAvailability.unavailable(stage + " did not load: " + shortCause(e));
        } catch (RuntimeException e) {
            log.debug("{}: {}", stage, rootMessage(e), e);
            return TensorRtAvailability.unavailable(stage + ": " + shortCause(e));
        }
    }

    private static final java.util.regex.Pattern MISSING_LIBRARY =
        java.util.regex.Pattern.compile("([\\w.+-]+\\.so[\\w.]*): cannot open shared object file");
    private static final int SHORT_CAUSE_CHARS = 160;

    /**
     * The cause in a few words for the log and the status topic ("libcuda.so.1 not found (no NVIDIA driver)");
     * the whole chain, with java.library.path and the JavaCPP cache paths, goes to the debug log.
     */
    static String shortCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            var missing = MISSING_LIBRARY.matcher(String.valueOf(t.getMessage()));
            if (missing.find()) {
                String lib = missing.group(1);
                return lib + " not found" + (lib.startsWith("libcuda.so") ? " (no NVIDIA driver)" : "");
            }
        }
        String m = String.valueOf(root.getMessage());
        int path = m.indexOf(" in java.library.path");
        if (path > 0) {
            m = m.substring(0, path) + " in java.library.path";
        }
        String text = root.getClass().getSimpleName() + ": " + m;
        return text.length() <= SHORT_CAUSE_CHARS ? text : text.substring(0, SHORT_CAUSE_CHARS - 3) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String first = e.getClass().getSimpleName() + ": " + e.getMessage();
        return t == e ? first : first + " (cause: " + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
    }
}

package io.sightline.runtime.tensorrt;

import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorRT's ILogger routed to SLF4J (logger {@code tensorrt}). TensorRT calls {@link #log} from native
 * code for as long as the builder, runtime or engine that received it lives, so whoever creates those
 * keeps a reference to this object until they are destroyed (JavaCPP frees the native peer when the
 * Java object is collected).
 */
final class Slf4jTensorRtLogger extends ILogger {
    private static final Logger log = LoggerFactory.getLogger("tensorrt");

    @Override
    public void log(Severity severity, String message) {
        // Compare by value: JavaCPP may hand over an enum instance built from the native int.
        int v = severity.value;
        if (v <= Severity.kERROR.value) {
            log.error(message);
        } else if (v == Severity.kWARNING.value) {
            log.warn(message);
        } else if (v == Severity.kINFO.value) {
            log.info(message);
        } else {
            log.debug(message);
        }
    }
}

package io.sightline.runtime.tensorrt;

/**
 * Whether TensorRT can run here, and if not, why.
 *
 * @param reason            for an unavailable runtime, the cause ("no CUDA device", the UnsatisfiedLinkError...)
 * @param tensorRtVersion   "10.6.0" when the library loaded
 * @param computeCapability "8.7" when a device was found
 * @param device            the GPU's name
 */
public record TensorRtAvailability(boolean available, String reason, String tensorRtVersion, String computeCapability, String device) {
    public static TensorRtAvailability unavailable(String reason) {
        return new TensorRtAvailability(false, reason, "", "", "");
    }

    @Override
    public String toString() {
        return available ? "TensorRT " + tensorRtVersion + " on " + device + " (compute capability " + computeCapability + ")"
                         : "TensorRT unavailable: " + reason;
    }
}

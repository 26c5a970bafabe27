package io.sightline.runtime.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import io.sightline.runtime.InferenceException;
import org.bytedeco.javacpp.BytePointer;

/** Turns CUDA runtime status codes into exceptions that say which call failed and why. */
final class CudaCalls {
    private CudaCalls() {
    }

    static void check(int status, String call) {
        if (status != 0) {
            BytePointer text = cudaGetErrorString(status);
            throw new InferenceException("CUDA " + call + " failed: " + (text == null ? "error " + status : text.getString()) + " (" + status + ")");
        }
    }
}

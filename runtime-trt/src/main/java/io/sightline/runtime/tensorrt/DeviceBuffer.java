package io.sightline.runtime.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/** One cudaMalloc'd buffer that grows (never shrinks) to the largest tensor it has held. */
final class DeviceBuffer implements AutoCloseable {
    private final String tensor;
    private Pointer address;
    private long capacity;

    DeviceBuffer(String tensor) {
        this.tensor = tensor;
    }

    /** Ensures room for {@code bytes}; returns true when the address changed (TensorRT must be told). */
    boolean ensure(long bytes) {
        long wanted = Math.max(bytes, 256); // TensorRT wants a valid address even for empty tensors
        if (address != null && capacity >= wanted) {
            return false;
        }
        close();
        try (PointerPointer<Pointer> out = new PointerPointer<>(1)) {
            CudaCalls.check(cudaMalloc(out, wanted), "cudaMalloc(" + tensor + ", " + wanted + " bytes)");
            address = out.get();
        }
        capacity = wanted;
        return true;
    }

    Pointer address() {
        return address;
    }

    @Override
    public void close() {
        if (address != null) {
            cudaFree(address);
            address = null;
            capacity = 0;
        }
    }
}

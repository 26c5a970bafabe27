package io.sightline.runtime.tensorrt;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorrt.nvinfer.IInt8EntropyCalibrator2;

/**
 * TensorRT 10's implicit INT8 path fed from a calibration cache that the calibration module wrote
 * offline: TensorRT asks for the cache first and, given one, never asks for batches. The cache bytes
 * live in native memory owned here, and TensorRT may call back until the build finishes, so the
 * builder keeps this object (and thereby the bytes) reachable until then.
 */
final class CacheOnlyCalibrator extends IInt8EntropyCalibrator2 {
    private final BytePointer cache;
    private final String source;

    CacheOnlyCalibrator(CalibrationCache calibration, String source) {
        this.cache = new BytePointer(calibration.toBytes());
        this.source = source;
    }

    @Override
    public int getBatchSize() {
        return 1;
    }

    @Override
    @SuppressWarnings("rawtypes") // the preset declares raw PointerPointer; a generic override would not override
    public boolean getBatch(PointerPointer bindings, PointerPointer names, int nbBindings) {
        // No calibration data at build time by design: returning false ends calibration.
        return false;
    }

    @Override
    public Pointer readCalibrationCache(LongPointer length) {
        length.put(cache.limit());
        return cache;
    }

    @Override
    public void writeCalibrationCache(Pointer ptr, long length) {
        // The cache came from the calibration module (see source()); TensorRT writing it back would only repeat it.
    }

    String source() {
        return source;
    }

    void free() {
        cache.close();
        close();
    }
}

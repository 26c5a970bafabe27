package io.sightline.runtime.tensorrt;

import static org.bytedeco.tensorrt.global.nvinfer.createInferBuilder;
import static org.bytedeco.tensorrt.global.nvonnxparser.createParser;

import io.sightline.runtime.GraphLoadException;
import io.sightline.runtime.InferenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.BuilderFlag;
import org.bytedeco.tensorrt.global.nvinfer.MemoryPoolType;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvonnxparser.IParser;

/**
 * ONNX -> serialized TensorRT engine: nvonnxparser, one optimisation profile from the {@link ShapePlan},
 * precision flags, and for {@link Precision#INT8_CALIBRATION_CACHE} a calibrator that only hands over the
 * cache. Slow (seconds to minutes on a Jetson): callers cache the result with {@link EngineCache}.
 */
final class TensorRtEngineBuilder {
    private final Slf4jTensorRtLogger logger;
    private final TensorRtOptions options;

    TensorRtEngineBuilder(Slf4jTensorRtLogger logger, TensorRtOptions options) {
        this.logger = logger;
        this.options = options;
    }

    byte[] build(Path graph, ShapePlan plan) {
        List<AutoCloseable> owned = new ArrayList<>();
        CacheOnlyCalibrator calibrator = null;
        try {
            IBuilder builder = own(owned, createInferBuilder(logger), "createInferBuilder");
            INetworkDefinition network = own(owned, builder.createNetworkV2(0), "createNetworkV2"); // explicit batch is the only mode in TensorRT 10
            IParser parser = own(owned, createParser(network, logger), "createParser");
            if (!parser.parseFromFile(graph.toString(), ILogger.Severity.kWARNING.value)) {
                StringBuilder errors = new StringBuilder();
                for (int i = 0; i < parser.getNbErrors(); i++) {
                    var e = parser.getError(i);
                    errors.append(i == 0 ? "" : "; ").append(e.desc()).append(" (node ").append(e.node()).append(' ').append(e.nodeName()).append(')');
                }
                throw new GraphLoadException(graph, "TensorRT's ONNX parser rejected the graph: " + errors, null);
            }
            IBuilderConfig config = own(owned, builder.createBuilderConfig(), "createBuilderConfig");
            config.setMemoryPoolLimit(MemoryPoolType.kWORKSPACE, options.workspaceBytes());
            IOptimizationProfile profile = builder.createOptimizationProfile(); // owned by the builder
            for (int i = 0; i < network.getNbInputs(); i++) {
                String name = network.getInput(i).getName();
                ShapePlan.Profile p = plan.profile(name);
                profile.setDimensions(name, OptProfileSelector.kMIN, dims(p.min()));
                profile.setDimensions(name, OptProfileSelector.kOPT, dims(p.opt()));
                profile.setDimensions(name, OptProfileSelector.kMAX, dims(p.max()));
            }
            if (config.addOptimizationProfile(profile) < 0) {
                throw new InferenceException(graph + ": TensorRT rejected the optimisation profile " + plan.describe());
            }
            switch (options.precision()) {
                case FP32 -> config.clearFlag(BuilderFlag.kTF32);
                case FP16 -> config.setFlag(BuilderFlag.kFP16);
                case INT8_QDQ -> {
                    // Explicit quantization: the QDQ scales decide; FP16 for what stays floating point.
                    config.setFlag(BuilderFlag.kINT8);
                    config.setFlag(BuilderFlag.kFP16);
                }
                case INT8_CALIBRATION_CACHE -> {
                    Path cacheFile = options.calibrationCache().orElseThrow();
                    calibrator = new CacheOnlyCalibrator(CalibrationCache.parse(read(cacheFile), cacheFile.toString()), cacheFile.toString());
                    config.setFlag(BuilderFlag.kINT8);
                    config.setFlag(BuilderFlag.kFP16);
                    config.setInt8Calibrator(calibrator);
                    config.setCalibrationProfile(profile);
                }
            }
            IHostMemory serialized = own(owned, builder.buildSerializedNetwork(network, config), "buildSerializedNetwork");
            byte[] bytes = new byte[(int) serialized.size()];
            new BytePointer(serialized.data()).capacity(serialized.size()).get(bytes);
            return bytes;
        } finally {
            for (int i = owned.size() - 1; i >= 0; i--) {
                try {
                    owned.get(i).close();
                } catch (Exception ignored) {
                    // closing native TensorRT objects does not throw; nothing to report
                }
            }
            if (calibrator != null) {
                calibrator.free(); // only after the builder that called it back is gone
            }
        }
    }

    private static <T extends org.bytedeco.javacpp.Pointer> T own(List<AutoCloseable> owned, T object, String call) {
        if (object == null || object.isNull()) {
            throw new InferenceException("TensorRT " + call + " failed (see the tensorrt log above)");
        }
        owned.add(object);
        return object;
    }

    static Dims64 dims(long[] shape) {
        Dims64 d = new Dims64();
        d.nbDims(shape.length);
        for (int i = 0; i < shape.length; i++) {
            d.d(i, shape[i]);
        }
        return d;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read calibration cache: " + e.getMessage(), e);
        }
    }
}

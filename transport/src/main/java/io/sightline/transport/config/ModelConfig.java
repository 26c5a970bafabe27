package io.sightline.transport.config;

/** The {@code model} section, read by the perception pipeline: which pack and how to run it. */
public record ModelConfig(String pack, Backend backend, Precision precision, String engineCache) {
    public enum Backend { AUTO, ONNXRUNTIME, TENSORRT }

    public enum Precision { FP32, FP16, INT8 }

    public ModelConfig {
        if (pack == null || pack.isBlank()) {
            throw new ConfigException("model.pack: must name a model pack folder");
        }
        backend = backend == null ? Backend.AUTO : backend;
        precision = precision == null ? Precision.FP32 : precision;
    }
}

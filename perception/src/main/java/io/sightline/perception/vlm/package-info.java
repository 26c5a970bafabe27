/**
 * {@link io.sightline.perception.vlm.VlmModel}: a validated pack opened on the selected backend (ONNX Runtime or
 * TensorRT, FP32 or INT8 encoder), the one object the pipeline holds; {@link io.sightline.perception.vlm.VlmBenchmark}
 * measures it.
 */
package io.sightline.perception.vlm;

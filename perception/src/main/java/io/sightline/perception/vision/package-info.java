/**
 * Frames to image encodings: {@link io.sightline.perception.vision.ImagePreprocessor} (OpenCV resize + normalise
 * into a reused buffer, exactly as training) and {@link io.sightline.perception.vision.VisionEncoder}
 * ({@code encode(Frame)} -> {@link io.sightline.perception.vision.ImageEncoding}: image features for the language
 * decoder and the dense detection head for {@link io.sightline.perception.detect.DetectionDecoder}).
 */
package io.sightline.perception.vision;

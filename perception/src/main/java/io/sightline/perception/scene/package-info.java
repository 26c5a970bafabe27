/**
 * The scene format: a folder with {@code scene.json}, {@code frames/NNNNNN.jpg|png} and
 * {@code annotations.jsonl}, specified in {@code docs/scene-format.md}.
 *
 * <p>{@link io.sightline.perception.scene.SceneWriter} writes scenes byte-for-byte deterministically;
 * {@link io.sightline.perception.scene.SceneReader} opens them as a {@link io.sightline.perception.scene.Scene}
 * (streamed or random access, damaged lines reported as
 * {@link io.sightline.perception.scene.SceneFormatException} with file and line);
 * {@link io.sightline.perception.scene.SceneValidator} lists every problem of a scene;
 * {@link io.sightline.perception.scene.AnnotationPainter} draws annotations onto frames and
 * {@link io.sightline.perception.scene.FrameOutput} writes the drawn frames as PNGs or a video.
 */
package io.sightline.perception.scene;

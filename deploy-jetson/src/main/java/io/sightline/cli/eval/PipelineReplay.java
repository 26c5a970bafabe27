package io.sightline.cli.eval;

import io.sightline.perception.relations.RelationExtractor;

import io.sightline.perception.grounding.GroundingConfig;
import io.sightline.perception.pipeline.ExpressionGrounding;
import io.sightline.perception.pipeline.FrameLoop;
import io.sightline.perception.pipeline.Grounder;
import io.sightline.perception.pipeline.PerceptionPipeline;
import io.sightline.perception.pipeline.FrameOutcome;
import io.sightline.perception.pipeline.ResultsJsonlWriter;
import io.sightline.perception.scene.Scene;
import io.sightline.perception.scene.SceneReader;
import io.sightline.perception.source.Frame;
import io.sightline.perception.source.FrameDecoding;
import io.sightline.perception.source.FrameSource;
import io.sightline.perception.source.FrameSources;
import io.sightline.perception.source.SourceOptions;
import io.sightline.perception.tracking.TrackerConfig;
import io.sightline.perception.vlm.VlmModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Eval's own run of the perception pipeline: replays every frame of each scene as fast as possible (as
 * {@code sightline replay} does), optionally grounding each frame's annotated expressions, and writes one
 * results file per scene in the replay format, which the evaluation then reads like any other.
 */
public final class PipelineReplay {
    private final VlmModel vlm;
    private final boolean ground;
    private final PrintWriter err;

    private final long maxFramesPerScene;
    private final GroundingConfig matching;
    private final FrameDecoding decoding;
    private final int relationNeighbours;

    /**
     * @param maxFramesPerScene the first N frames of each scene only (0 = all); the evaluation scores just those
     * @param decoding          how frames are decoded (as replay and the service do: {@link FrameDecoding#MODEL_SIZE})
     */
    public PipelineReplay(VlmModel vlm, boolean ground, PrintWriter err, long maxFramesPerScene, GroundingConfig matching,
                          FrameDecoding decoding) {
        this(vlm, ground, err, maxFramesPerScene, matching, decoding, RelationExtractor.DEFAULT_NEIGHBOURS);
    }

    /** @param relationNeighbours each object's neighbours the relations speak of (relations.neighbours) */
    public PipelineReplay(VlmModel vlm, boolean ground, PrintWriter err, long maxFramesPerScene, GroundingConfig matching,
                          FrameDecoding decoding, int relationNeighbours) {
        this.relationNeighbours = relationNeighbours;
        if (maxFramesPerScene < 0) {
            throw new IllegalArgumentException("frames per scene must be >= 0 (0 = all), got " + maxFramesPerScene);
        }
        this.vlm = vlm;
        this.ground = ground;
        this.err = err;
        this.maxFramesPerScene = maxFramesPerScene;
        this.matching = matching;
        this.decoding = decoding;
    }

    /** Runs each scene and returns the results files written under {@code outDir} ("<scene name>.jsonl"). */
    public List<Path> run(List<Path> sceneDirs, Path outDir) {
        List<Path> files = new ArrayList<>();
        for (Path dir : sceneDirs) {
            Scene scene = SceneReader.open(dir);
            String name = scene.info().name();
            Path file = outDir.resolve(name + ".jsonl");
            PerceptionPipeline pipeline = PerceptionPipeline.forModel(name, vlm, scene.info().camera(), TrackerConfig.defaults(),
                relationNeighbours);
            BiFunction<Frame, FrameOutcome, FrameOutcome> hook = ground
                ? new ExpressionGrounding(scene, Grounder.forModel(vlm, matching, relationNeighbours))::apply : (f, r) -> r;
            try (ResultsJsonlWriter writer = ResultsJsonlWriter.create(file, true);
                 FrameSource source = FrameSources.scene(scene, SourceOptions.offline(decoding, vlm.pack().manifest().image()))
                     .source()) {
                FrameLoop.Summary s = new FrameLoop(pipeline, hook, (frame, outcome) -> writer.write(outcome.result()))
                    .run(source, true, maxFramesPerScene);
                err.println(String.format(Locale.ROOT, "eval: %s: %d frames (%.1f fps, %d skipped) -> %s", name, s.frames(),
                    s.framesPerSecond(), s.skipped(), file));
                err.flush();
            }
            files.add(file);
        }
        return files;
    }
}

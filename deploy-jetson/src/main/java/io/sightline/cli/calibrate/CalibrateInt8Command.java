package io.sightline.cli.calibrate;

import io.sightline.quantize.CalibrationFrames;
import io.sightline.quantize.DenseHeadAgreementCheck;
import io.sightline.quantize.Int8AccuracyCheck;
import io.sightline.quantize.Int8Calibration;
import io.sightline.quantize.Int8CalibrationResult;
import io.sightline.quantize.Int8Options;
import io.sightline.quantize.Int8PackWriter;
import io.sightline.quantize.LabelledImageSet;
import io.sightline.quantize.LabelledSetDetectionCheck;
import io.sightline.quantize.Int8Report;
import io.sightline.quantize.QuantizationScope;
import io.sightline.quantize.RangeMethod;
import io.sightline.cli.UserFacingException;
import io.sightline.cli.eval.EvalCommand;
import io.sightline.cli.replay.ModelOptions;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackGraph;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.vlm.EncoderThreadChoice;
import io.sightline.perception.vlm.VlmOptions;
import io.sightline.runtime.onnx.OnnxRuntimeOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sightline calibrate int8}: post-training INT8 quantization of the pack's vision encoder, guarded. */
@Command(name = "int8", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Quantize the pack's image graph to INT8, guarded by mAP and grounding.",
    description = {
        "Quantizes the pack's vision encoder to INT8: runs the FP32 encoder (ONNX Runtime CPU) over frames of recorded "
            + "scenes, collects |x| histograms of the inputs of MatMul/Gemm/Conv, picks ranges (entropy = TensorRT "
            + "EntropyCalibration2, percentile or minmax) and writes vision_encoder_int8.onnx (QDQ: per-tensor int8 "
            + "activations, per-channel int8 weights, zero point 0), the TensorRT calibration cache "
            + "vision_encoder_int8.calib, int8_report.json/.txt, and lists the new files in manifest.json.",
        "Accuracy guard on labelled image sets (--images test-scenes/real): the FP32 and INT8 graph detect on the val "
            + "images with the pack's preprocessing and decoder, and COCO mAP@0.5 against the labels may drop by at most "
            + "--max-map-drop points.",
        "Accuracy guard on scenes: the perception pipeline runs over the validation scenes with the FP32 and with the new INT8 "
            + "encoder (detections, tracking, grounding of every annotated expression) and the scene evaluator scores "
            + "both; when INT8 loses more than --max-map-drop points of detection mAP@0.5 or --max-grounding-drop points "
            + "of grounding Acc@0.5, nothing is written over the previous model (the report is still written). "
            + "--guard agreement is a quicker encoder-only check (dense-head detections of INT8 vs FP32)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:INT8 model written", "1:failed, or the accuracy guard rejected the INT8 model (nothing written over the old one)",
        "2:usage error"})
public final class CalibrateInt8Command implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Required here (checked in {@link #call}): calibration writes into the pack, so it never falls back to the installed one. */
    @Mixin
    ModelOptions.PackOption packOption = new ModelOptions.PackOption();

    @Option(names = {"--scenes", "--images"}, required = true, arity = "1..*", paramLabel = "DIR",
        description = "What to calibrate on: scene folders (frames/NNNNNN.jpg), folders of scenes, or labelled image sets "
            + "(a folder with labels.jsonl such as test-scenes/real: its val split only).")
    List<Path> scenes;

    @Option(names = {"--val-scenes", "--val-images"}, arity = "1..*", paramLabel = "DIR",
        description = "Scenes or labelled image sets (val split) for the accuracy guard (default: the --scenes; give held-out "
            + "scenes where you have them).")
    List<Path> valScenes;

    @Option(names = "--method", defaultValue = "entropy", paramLabel = "entropy|percentile|minmax",
        description = "Range method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--percentile", defaultValue = "99.99", paramLabel = "P", description = "For --method percentile (default: ${DEFAULT-VALUE}).")
    double percentile;

    @Option(names = "--scope", defaultValue = "matmul", paramLabel = "matmul|weighted|all|fused",
        description = "Ops that get QDQ: matmul = MatMul/Gemm with weights (fastest on ONNX Runtime CPU for the ViT pack); "
            + "weighted = also Conv; all = every input of every MatMul/Gemm/Conv incl. attention products (widest INT8 coverage "
            + "for TensorRT); fused = weighted plus each Conv's int32 bias and output, the form ONNX Runtime CPU runs as "
            + "QLinearConv (for conv nets such as coco-nanodet). "
            + "Default: ${DEFAULT-VALUE}.")
    String scope;

    @Option(names = "--exclude", paramLabel = "PREFIX", split = ",",
        description = "Node-name prefixes to keep in float, e.g. /projector/ (mixed precision for layers int8 hurts); comma-separated or repeated.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--frames", defaultValue = "64", paramLabel = "N", description = "Calibration frames, spread evenly over the scenes (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--guard", defaultValue = "evaluation", paramLabel = "evaluation|agreement",
        description = "Accuracy guard: evaluation = scene evaluator's mAP@0.5 and grounding Acc@0.5, FP32 vs INT8; agreement = "
            + "dense-head detections of INT8 vs FP32 only (quicker, no decoder) (default: ${DEFAULT-VALUE}).")
    String guard;

    @Option(names = "--val-frames", defaultValue = "40", paramLabel = "N",
        description = "Guard frames: evaluation = the first N frames of each validation scene (0 = all); agreement = N frames spread "
            + "over the scenes (default: ${DEFAULT-VALUE}).")
    int valFrames;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: the pack; manifest.json is updated only then).")
    Path out;

    /** For calibration, the FP32/INT8 timing and the guard. */
    @Mixin
    ModelOptions.ThreadsOption threadsOption = new ModelOptions.ThreadsOption();

    @Option(names = "--tensorrt-version", defaultValue = "100300", paramLabel = "N",
        description = "TensorRT version number in the calibration cache header, e.g. 100300 for 10.3 (JetPack 6) (default: ${DEFAULT-VALUE}).")
    int tensorRtVersion;

    @Option(names = "--max-map-drop", defaultValue = "1.0", paramLabel = "POINTS",
        description = "Guard: largest allowed drop of detection mAP@0.5, in points (default: ${DEFAULT-VALUE}).")
    double maxMapDrop;

    @Option(names = "--max-grounding-drop", defaultValue = "2.0", paramLabel = "POINTS",
        description = "Guard: largest allowed drop of grounding Acc@0.5, in points (default: ${DEFAULT-VALUE}).")
    double maxGroundingDrop;

    @Option(names = "--min-detection-agreement", defaultValue = "90", paramLabel = "PERCENT",
        description = "--guard agreement: smallest allowed agreement of INT8 with FP32 dense-head detections (same label, IoU >= 0.5) (default: ${DEFAULT-VALUE}).")
    double minAgreement;

    @Override
    public Integer call() {
        Path pack = packOption.explicit().orElseThrow(() ->
            new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--pack=DIR'"));
        if (threadsOption.value() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 0, got " + threadsOption.value());
        }
        RangeMethod rangeMethod = parse(() -> RangeMethod.parse(method), "--method");
        QuantizationScope quantizationScope = parse(() -> QuantizationScope.parse(scope).excluding(exclude), "--scope/--exclude");
        if (!Files.isRegularFile(pack.resolve("manifest.json"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pack " + pack + " has no manifest.json");
        }
        ModelPack modelPack = ModelPack.load(pack);
        PackManifest manifest = modelPack.manifest();
        PackGraph imageGraph = manifest.graph(manifest.imageGraphRole());
        int threads = threadsOption.value() == 0
            ? EncoderThreadChoice.forOptions(OnnxRuntimeOptions.defaults(), pack.resolve(imageGraph.file())).threads()
            : threadsOption.value();
        Int8Options options = parse(() -> new Int8Options(pack, imageGraph.file(), imageGraph.outputs().get(0).name(), scenes,
            rangeMethod, percentile, frames, threads, tensorRtVersion, 3, quantizationScope), "options");
        boolean evaluation = switch (guard.toLowerCase(Locale.ROOT)) {
            case "evaluation" -> true;
            case "agreement" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--guard must be evaluation or agreement, got '" + guard + "'");
        };
        if (valFrames < 0 || (!evaluation && valFrames == 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--val-frames must be > 0" + (evaluation ? " (or 0 = all)" : "")
                + ", got " + valFrames);
        }
        if (maxMapDrop < 0 || maxGroundingDrop < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-map-drop and --max-grounding-drop must be >= 0");
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "calibrating %s/%s: %s, scope %s, %d frames, %d threads%n", pack, imageGraph.file(), rangeMethod.id(),
            quantizationScope.id(), frames, threads);
        w.flush();
        Int8CalibrationResult result = Int8Calibration.run(options, modelPack.manifest().image());
        List<Path> guardInputs = valScenes == null ? scenes : valScenes;
        Int8AccuracyCheck check = !evaluation ? agreementGuard(modelPack, threads)
            : guardInputs.stream().allMatch(LabelledImageSet::isLabelledSet) ? labelledSetGuard(manifest, guardInputs, threads)
            : evaluationGuard(pack, threads, spec.commandLine().getErr());
        Int8PackWriter.Outcome outcome = Int8PackWriter.write(result, check, out == null ? pack : out);
        w.print(Int8Report.text(result, outcome.verdict()));
        if (!outcome.passed()) {
            w.flush();
            throw new UserFacingException("INT8 accuracy guard failed: " + outcome.verdict().reason()
                + "; nothing was written over the previous model (report: " + outcome.reportText() + ")", 1);
        }
        outcome.written().forEach(p -> w.println("wrote " + p));
        w.flush();
        return 0;
    }

    /** The scene evaluator over the validation scenes, FP32 vs INT8 encoder, same pipeline otherwise. */
    private Int8AccuracyCheck evaluationGuard(Path pack, int threads, PrintWriter log) {
        List<Path> val = EvalCommand.expand(valScenes == null ? scenes : valScenes);
        return new SceneEvaluationCheck(pack, VlmOptions.onnxRuntime(threads), val, valFrames, maxMapDrop, maxGroundingDrop, log);
    }

    /** Hand-labelled photos (their val split): mAP@0.5 of the FP32 and INT8 graph against the labels, the pack's decoder. */
    private Int8AccuracyCheck labelledSetGuard(PackManifest manifest, List<Path> sets, int threads) {
        List<LabelledImageSet.LabelledImage> val = sets.stream()
            .flatMap(d -> LabelledImageSet.read(d).split(LabelledImageSet.Split.VAL).stream()).toList();
        return new LabelledSetDetectionCheck(manifest, val, VlmOptions.onnxRuntime(threads).onnx(), maxMapDrop);
    }

    /** Encoder-only: dense-head detections of INT8 vs FP32 on the validation frames, decoded as the service decodes them. */
    private Int8AccuracyCheck agreementGuard(ModelPack modelPack, int threads) {
        List<Path> chosen = CalibrationFrames.select(valScenes == null ? scenes : valScenes, valFrames);
        return new DenseHeadAgreementCheck(modelPack.manifest(), chosen, VlmOptions.onnxRuntime(threads).onnx(), minAgreement);
    }

    private <T> T parse(java.util.function.Supplier<T> s, String what) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), what + ": " + e.getMessage());
        }
    }
}

package io.sightline.cli.calibrate;

import io.sightline.calibration.int8.CalibrationFrames;
import io.sightline.calibration.int8.DenseHeadAgreementCheck;
import io.sightline.calibration.int8.DenseHeadSpec;
import io.sightline.calibration.int8.EncoderPreprocessing;
import io.sightline.calibration.int8.Int8AccuracyCheck;
import io.sightline.calibration.int8.Int8Calibration;
import io.sightline.calibration.int8.Int8CalibrationResult;
import io.sightline.calibration.int8.Int8Options;
import io.sightline.calibration.int8.Int8PackWriter;
import io.sightline.calibration.int8.Int8Report;
import io.sightline.calibration.int8.QuantizationScope;
import io.sightline.calibration.int8.RangeMethod;
import io.sightline.cli.UserFacingException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sightline calibrate int8}: post-training INT8 quantization of the pack's vision encoder, guarded. */
@Command(name = "int8", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Quantizes the pack's vision encoder to INT8: runs the FP32 encoder (ONNX Runtime CPU) over frames of recorded "
            + "scenes, collects |x| histograms of the inputs of MatMul/Gemm/Conv, picks ranges (entropy = TensorRT "
            + "EntropyCalibration2, percentile or minmax) and writes vision_encoder_int8.onnx (QDQ: per-tensor int8 "
            + "activations, per-channel int8 weights, zero point 0), the TensorRT calibration cache "
            + "vision_encoder_int8.calib, int8_report.json/.txt, and lists the new files in manifest.json.",
        "Accuracy guard: nothing is written over the previous model when INT8 loses more than the margins on the "
            + "validation scenes. Until the scene evaluator is wired in, the guard measures dense-head detection "
            + "agreement with FP32 (a stand-in, said so in the report) against --min-detection-agreement."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:INT8 model written", "1:failed, or the accuracy guard rejected the INT8 model (nothing written over the old one)",
        "2:usage error"})
public final class CalibrateInt8Command implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pack", required = true, paramLabel = "DIR", description = "Model pack folder (manifest.json, vision_encoder.onnx).")
    Path pack;

    @Option(names = "--scenes", required = true, arity = "1..*", paramLabel = "DIR",
        description = "Recorded scenes to calibrate on: scene folders (frames/NNNNNN.jpg) or folders of scenes.")
    List<Path> scenes;

    @Option(names = "--val-scenes", arity = "1..*", paramLabel = "DIR",
        description = "Scenes for the accuracy guard (default: the --scenes; give held-out scenes where you have them).")
    List<Path> valScenes;

    @Option(names = "--method", defaultValue = "entropy", paramLabel = "entropy|percentile|minmax",
        description = "Range method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--percentile", defaultValue = "99.99", paramLabel = "P", description = "For --method percentile (default: ${DEFAULT-VALUE}).")
    double percentile;

    @Option(names = "--scope", defaultValue = "matmul", paramLabel = "matmul|weighted|all",
        description = "Ops that get QDQ: matmul = MatMul/Gemm with weights (fastest on ONNX Runtime CPU); weighted = also Conv; "
            + "all = every input of every MatMul/Gemm/Conv incl. attention products (widest INT8 coverage for TensorRT). "
            + "Default: ${DEFAULT-VALUE}.")
    String scope;

    @Option(names = "--frames", defaultValue = "64", paramLabel = "N", description = "Calibration frames, spread evenly over the scenes (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--val-frames", defaultValue = "32", paramLabel = "N", description = "Frames for the accuracy guard (default: ${DEFAULT-VALUE}).")
    int valFrames;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: the pack; manifest.json is updated only then).")
    Path out;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "ONNX Runtime intra-op threads, for calibration and the FP32/INT8 timing (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--tensorrt-version", defaultValue = "100300", paramLabel = "N",
        description = "TensorRT version number in the calibration cache header, e.g. 100300 for 10.3 (JetPack 6) (default: ${DEFAULT-VALUE}).")
    int tensorRtVersion;

    @Option(names = "--max-map-drop", defaultValue = "1.0", paramLabel = "POINTS",
        description = "Guard: largest allowed drop of detection mAP@0.5 (default: ${DEFAULT-VALUE}). Applied once the scene evaluator is wired in.")
    double maxMapDrop;

    @Option(names = "--max-grounding-drop", defaultValue = "2.0", paramLabel = "POINTS",
        description = "Guard: largest allowed drop of grounding accuracy (default: ${DEFAULT-VALUE}). Applied once the scene evaluator is wired in.")
    double maxGroundingDrop;

    @Option(names = "--min-detection-agreement", defaultValue = "90", paramLabel = "PERCENT",
        description = "Stand-in guard: smallest allowed agreement of INT8 with FP32 dense-head detections (same label, IoU >= 0.5) (default: ${DEFAULT-VALUE}).")
    double minAgreement;

    @Override
    public Integer call() {
        RangeMethod rangeMethod = parse(() -> RangeMethod.parse(method), "--method");
        QuantizationScope quantizationScope = parse(() -> QuantizationScope.parse(scope), "--scope");
        if (!Files.isRegularFile(pack.resolve("manifest.json")) || !Files.isRegularFile(pack.resolve(Int8Options.ENCODER))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pack " + pack + " has no manifest.json and " + Int8Options.ENCODER);
        }
        Int8Options options = parse(() -> new Int8Options(pack, scenes, rangeMethod, percentile, frames, threads, tensorRtVersion, 3,
            quantizationScope), "options");
        if (valFrames <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--val-frames must be > 0, got " + valFrames);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "calibrating %s/%s: %s, scope %s, %d frames, %d threads%n", pack, Int8Options.ENCODER, rangeMethod.id(),
            quantizationScope.id(), frames, threads);
        w.flush();
        Int8CalibrationResult result = Int8Calibration.run(options);
        Int8PackWriter.Outcome outcome = Int8PackWriter.write(result, standInGuard(), out == null ? pack : out);
        w.print(Int8Report.text(result, outcome.verdict()));
        w.println("note: the scene evaluator (detection mAP@0.5, grounding accuracy) is not wired into this guard yet; "
            + "--max-map-drop " + maxMapDrop + " / --max-grounding-drop " + maxGroundingDrop + " were not applied");
        if (!outcome.passed()) {
            w.flush();
            throw new UserFacingException("INT8 accuracy guard failed: " + outcome.verdict().reason()
                + "; nothing was written over the previous model (report: " + outcome.reportText() + ")", 1);
        }
        outcome.written().forEach(p -> w.println("wrote " + p));
        w.flush();
        return 0;
    }

    /** The dense-head agreement stand-in, on the validation frames. */
    private Int8AccuracyCheck standInGuard() {
        EncoderPreprocessing prep = Int8Calibration.preprocessing(pack);
        DenseHeadSpec head = DenseHeadSpec.fromManifest(Int8Calibration.manifest(pack).get("dense_head"), pack.resolve("manifest.json").toString());
        List<Path> chosen = CalibrationFrames.select(valScenes == null ? scenes : valScenes, valFrames);
        List<float[]> pixels = Int8Calibration.pixelValues(chosen, prep);
        return new DenseHeadAgreementCheck(head, pixels.size(), pixels::get, prep.shape(), threads, minAgreement);
    }

    private <T> T parse(java.util.function.Supplier<T> s, String what) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), what + ": " + e.getMessage());
        }
    }
}

package io.sightline.perception.vlm;

import io.sightline.perception.language.DecodeBenchmark;
import io.sightline.perception.language.Prompt;
import io.sightline.perception.vision.ImageEncoding;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Measures a pack on its backend: encoder time per frame (preprocess + graph), dense-head decoding, and the
 * language decoder (time to first token, tokens/s, KV cache vs recompute) on one image. For the {@code bench}
 * command and the closing note; prints the backend it ran on so numbers are never compared across machines
 * unknowingly.
 *
 * <pre>java -cp ... io.sightline.perception.vlm.VlmBenchmark PACK_DIR IMAGE [threads] [frames] ["ground ..."]</pre>
 */
public final class VlmBenchmark {
    /** Encoder and decoder timings in milliseconds (medians unless named otherwise). */
    public record Report(String model, int frames, double preprocessMillis, double encodeMillis, double frameMillis,
                         double detectMillis, DecodeBenchmark.Result decode) {
        public double encoderFps() {
            return 1000.0 / frameMillis;
        }

        public void print(PrintStream out) {
            out.printf("model: %s%n", model);
            out.printf("encoder: %d frames, preprocess %.2f ms + encode %.2f ms = %.2f ms/frame (%.1f fps); dense decode %.3f ms%n",
                frames, preprocessMillis, encodeMillis, frameMillis, encoderFps(), detectMillis);
            out.printf("decoder: answer '%s' (%d tokens, %s); time to first token %.2f ms; %.1f tokens/s after it%n",
                decode.sample().text(), decode.sample().tokens().size(), decode.sample().stopReason(), decode.ttftMillis(),
                decode.tokensPerSecond());
            out.printf("decoder: %d-token answer with KV cache %.2f ms, recomputing the sequence %.2f ms: %.2fx faster"
                    + " (each mode right after the other: %.2f vs %.2f ms, %.2fx)%n", decode.answerTokens(), decode.cachedMillis(),
                decode.recomputeMillis(), decode.speedup(), decode.alternating().cachedMillis(),
                decode.alternating().recomputeMillis(), decode.alternating().speedup());
        }
    }

    private VlmBenchmark() {
    }

    public static Report run(VlmModel vlm, Mat bgr, int frames, Prompt prompt, int answerTokens, int repeats) {
        for (int i = 0; i < 3; i++) {
            vlm.encoder().encode(i, bgr);
        }
        double[] pre = new double[frames];
        double[] enc = new double[frames];
        double[] total = new double[frames];
        double[] det = new double[frames];
        ImageEncoding last = null;
        for (int i = 0; i < frames; i++) {
            last = vlm.encoder().encode(i, bgr);
            pre[i] = last.preprocessNanos() / 1e6;
            enc[i] = last.encodeNanos() / 1e6;
            total[i] = pre[i] + enc[i];
            if (vlm.detections().isPresent()) {
                long d0 = System.nanoTime();
                vlm.detections().get().decode(last);
                det[i] = (System.nanoTime() - d0) / 1e6;
            }
        }
        DecodeBenchmark.Result decode = new DecodeBenchmark(vlm.language().orElseThrow(() -> new IllegalArgumentException(
            vlm.languageUnavailableReason()))).run(last, prompt, answerTokens, repeats);
        return new Report(vlm.describe(), frames, median(pre), median(enc), median(total), median(det), decode);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: VlmBenchmark PACK_DIR IMAGE [threads=2] [frames=100] [prompt='ground the red cup']");
            System.exit(2);
        }
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int frames = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Prompt prompt = Prompt.parse(args.length > 4 ? args[4] : "ground the red cup");
        try (VlmModel vlm = VlmModel.open(Path.of(args[0]), VlmOptions.onnxRuntime(threads));
             Mat bgr = opencv_imgcodecs.imread(args[1])) {
            if (bgr.empty()) {
                System.err.println(args[1] + ": not an image OpenCV can read");
                System.exit(1);
            }
            run(vlm, bgr, frames, prompt, 7, 40).print(System.out);
        }
    }
}

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a model pack's ONNX graphs against the PyTorch fixtures with ONNX Runtime, the way the Java runtime
 * will run them: encoder -> embed_tokens -> image rows replaced -> decoder with zero-length past (step 0) ->
 * decoder with step 0's presents as past (step 1). Optionally also checks that DJL's HuggingFaceTokenizer
 * gives the fixture's input ids (when DJL is on the class path). A training-side tool, run by run_parity.sh.
 *
 * Usage: java -cp ... PackParity.java PACK_DIR
 */
public class PackParity {
    static int failures = 0;

    public static void main(String[] args) throws Exception {
        Path pack = Path.of(args[0]);
        JsonObject manifest = JsonParser.parseString(Files.readString(pack.resolve("manifest.json"))).getAsJsonObject();
        JsonObject fixtures = JsonParser.parseString(Files.readString(pack.resolve("fixtures/fixtures.json"))).getAsJsonObject();
        double tol = fixtures.get("tolerance").getAsDouble();
        int imageTokenId = manifest.get("image_token_id").getAsInt();
        JsonObject dec = manifest.getAsJsonObject("decoder");
        int layers = dec.get("layers").getAsInt();
        int kvh = dec.get("kv_heads").getAsInt();
        int hd = dec.get("head_dim").getAsInt();
        int dim = dec.get("hidden_size").getAsInt();

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            try (OrtSession enc = env.createSession(pack.resolve("vision_encoder.onnx").toString(), so);
                 OrtSession emb = env.createSession(pack.resolve("embed_tokens.onnx").toString(), so);
                 OrtSession decoder = env.createSession(pack.resolve("decoder_model_merged.onnx").toString(), so)) {
                System.out.println("encoder inputs " + enc.getInputNames() + " outputs " + enc.getOutputNames());
                System.out.println("decoder inputs " + decoder.getInputNames().size() + " outputs " + decoder.getOutputNames().size());
                for (var c : fixtures.getAsJsonArray("cases")) {
                    runCase(env, pack, c.getAsJsonObject(), enc, emb, decoder, tol, imageTokenId, layers, kvh, hd, dim);
                }
                batchCheck(env, pack, fixtures, enc, tol);
                tokenizerCheck(pack, fixtures);
            }
        }
        System.out.println(failures == 0 ? "PARITY OK" : "PARITY FAILED (" + failures + ")");
        System.exit(failures == 0 ? 0 : 1);
    }

    static void runCase(OrtEnvironment env, Path pack, JsonObject c, OrtSession enc, OrtSession emb, OrtSession decoder,
                        double tol, int imageTokenId, int layers, int kvh, int hd, int dim) throws Exception {
        JsonObject tensors = c.getAsJsonObject("tensors");
        float[] pixels = readF32(pack, tensors, "pixel_values");
        long[] pshape = shape(tensors, "pixel_values");
        float[] features;
        try (OnnxTensor pv = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), pshape);
             OrtSession.Result r = enc.run(Map.of("pixel_values", pv))) {
            features = floats(r, "image_features");
            compare(c, "image_features", features, readF32(pack, tensors, "image_features"), tol);
            compare(c, "det_logits", floats(r, "det_logits"), readF32(pack, tensors, "det_logits"), tol);
            compare(c, "det_boxes", floats(r, "det_boxes"), readF32(pack, tensors, "det_boxes"), tol);
        }
        JsonArray idsJson = c.getAsJsonArray("input_ids");
        long[] ids = new long[idsJson.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = idsJson.get(i).getAsLong();
        float[] embeds = embed(env, emb, ids);
        int row = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == imageTokenId) {
                System.arraycopy(features, row * dim, embeds, i * dim, dim);
                row++;
            }
        }
        long[] mask = new long[ids.length];
        long[] pos = new long[ids.length];
        for (int i = 0; i < ids.length; i++) { mask[i] = 1; pos[i] = i; }
        List<float[]> past = new ArrayList<>();
        for (int i = 0; i < 2 * layers; i++) past.add(new float[0]);
        Step s0 = step(env, decoder, embeds, ids.length, dim, mask, pos, past, 0, layers, kvh, hd);
        int vocab = s0.logits.length / ids.length;
        float[] last = new float[vocab];
        System.arraycopy(s0.logits, (ids.length - 1) * vocab, last, 0, vocab);
        compare(c, "step0_logits_last", last, readF32(pack, tensors, "step0_logits_last"), tol);
        int next = argmax(last);
        check(c, "step0 argmax", next == c.getAsJsonObject("step0").get("argmax").getAsInt());
        float[] e1 = embed(env, emb, new long[]{next});
        long[] mask1 = new long[ids.length + 1];
        java.util.Arrays.fill(mask1, 1);
        Step s1 = step(env, decoder, e1, 1, dim, mask1, new long[]{ids.length}, s0.presents, ids.length, layers, kvh, hd);
        compare(c, "step1_logits", s1.logits, readF32(pack, tensors, "step1_logits"), tol);
    }

    record Step(float[] logits, List<float[]> presents) {}

    static Step step(OrtEnvironment env, OrtSession decoder, float[] embeds, int len, int dim, long[] mask, long[] pos,
                     List<float[]> past, int pastLen, int layers, int kvh, int hd) throws Exception {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("inputs_embeds", OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds), new long[]{1, len, dim}));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[]{1, mask.length}));
            in.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(pos), new long[]{1, pos.length}));
            for (int i = 0; i < layers; i++) {
                in.put("past_key_values." + i + ".key", OnnxTensor.createTensor(env, FloatBuffer.wrap(past.get(2 * i)), new long[]{1, kvh, pastLen, hd}));
                in.put("past_key_values." + i + ".value", OnnxTensor.createTensor(env, FloatBuffer.wrap(past.get(2 * i + 1)), new long[]{1, kvh, pastLen, hd}));
            }
            try (OrtSession.Result r = decoder.run(in)) {
                List<float[]> presents = new ArrayList<>();
                for (int i = 0; i < layers; i++) {
                    presents.add(floats(r, "present." + i + ".key"));
                    presents.add(floats(r, "present." + i + ".value"));
                }
                return new Step(floats(r, "logits"), presents);
            }
        } finally {
            for (OnnxTensor t : in.values()) t.close();
        }
    }

    static float[] embed(OrtEnvironment env, OrtSession emb, long[] ids) throws Exception {
        try (OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, ids.length});
             OrtSession.Result r = emb.run(Map.of("input_ids", t))) {
            return floats(r, "inputs_embeds");
        }
    }

    /** All cases in one batch through the encoder: the batch axis is dynamic and rows do not mix. */
    static void batchCheck(OrtEnvironment env, Path pack, JsonObject fixtures, OrtSession enc, double tol) throws Exception {
        JsonArray cases = fixtures.getAsJsonArray("cases");
        if (cases.size() < 2) return;
        List<float[]> pixels = new ArrayList<>();
        List<float[]> want = new ArrayList<>();
        long[] shape = null;
        for (var c : cases) {
            JsonObject t = c.getAsJsonObject().getAsJsonObject("tensors");
            pixels.add(readF32(pack, t, "pixel_values"));
            want.add(readF32(pack, t, "det_logits"));
            shape = shape(t, "pixel_values");
        }
        int per = pixels.get(0).length;
        float[] all = new float[per * pixels.size()];
        for (int i = 0; i < pixels.size(); i++) System.arraycopy(pixels.get(i), 0, all, i * per, per);
        shape[0] = pixels.size();
        try (OnnxTensor pv = OnnxTensor.createTensor(env, FloatBuffer.wrap(all), shape);
             OrtSession.Result r = enc.run(Map.of("pixel_values", pv))) {
            float[] got = floats(r, "det_logits");
            int n = want.get(0).length;
            for (int i = 0; i < want.size(); i++) {
                compare(cases.get(i).getAsJsonObject(), "det_logits@batch" + want.size(),
                        java.util.Arrays.copyOfRange(got, i * n, (i + 1) * n), want.get(i), tol);
            }
        }
    }

    static void tokenizerCheck(Path pack, JsonObject fixtures) {
        try {
            Class.forName("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer");
        } catch (ClassNotFoundException e) {
            System.out.println("tokenizer: DJL not on the class path, skipped");
            return;
        }
        try (var tok = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(pack.resolve("tokenizer.json"))) {
            for (var c : fixtures.getAsJsonArray("cases")) {
                JsonObject o = c.getAsJsonObject();
                long[] got = tok.encode(o.get("prompt_text").getAsString()).getIds();
                JsonArray want = o.getAsJsonArray("input_ids");
                boolean same = got.length == want.size();
                for (int i = 0; same && i < got.length; i++) same = got[i] == want.get(i).getAsLong();
                check(o, "DJL tokenizer ids (" + got.length + " tokens)", same);
                if (!same) System.out.println("  got " + java.util.Arrays.toString(got));
                long[] tail = java.util.Arrays.copyOfRange(got, Math.max(0, got.length - 12), got.length);
                System.out.println("  decode of the prompt tail: '" + tok.decode(tail, false) + "'");
            }
            JsonArray tokenizerCases = fixtures.has("tokenizer_cases") ? fixtures.getAsJsonArray("tokenizer_cases") : new JsonArray();
            for (var c : tokenizerCases) {
                JsonObject o = c.getAsJsonObject();
                long[] got = tok.encode(o.get("text").getAsString()).getIds();
                JsonArray want = o.getAsJsonArray("ids");
                boolean same = got.length == want.size();
                for (int i = 0; same && i < got.length; i++) same = got[i] == want.get(i).getAsLong();
                if (!same) failures++;
                System.out.printf("tokenizer '%s' %s -> '%s'%n", o.get("text").getAsString(), same ? "ok" : "FAIL "
                        + java.util.Arrays.toString(got), tok.decode(got, false));
            }
        } catch (IOException e) {
            failures++;
            System.out.println("tokenizer: " + e);
        }
    }

    static void compare(JsonObject c, String name, float[] got, float[] want, double tol) {
        if (got.length != want.length) {
            failures++;
            System.out.printf("%s %s: length %d != fixture %d%n", c.get("image").getAsString(), name, got.length, want.length);
            return;
        }
        double max = 0;
        for (int i = 0; i < got.length; i++) max = Math.max(max, Math.abs(got[i] - want[i]));
        boolean ok = max <= tol;
        if (!ok) failures++;
        System.out.printf("%s %-18s max|diff| %.2e %s%n", c.get("image").getAsString(), name, max, ok ? "ok" : "FAIL");
    }

    static void check(JsonObject c, String what, boolean ok) {
        if (!ok) failures++;
        System.out.printf("%s %s %s%n", c.get("image").getAsString(), what, ok ? "ok" : "FAIL");
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    static float[] floats(OrtSession.Result r, String name) throws Exception {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("output " + name + " missing"));
        FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    static long[] shape(JsonObject tensors, String key) {
        JsonArray s = tensors.getAsJsonObject(key).getAsJsonArray("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) out[i] = s.get(i).getAsLong();
        return out;
    }

    static float[] readF32(Path pack, JsonObject tensors, String key) throws IOException {
        byte[] bytes = Files.readAllBytes(pack.resolve("fixtures").resolve(tensors.getAsJsonObject(key).get("file").getAsString()));
        FloatBuffer fb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }
}

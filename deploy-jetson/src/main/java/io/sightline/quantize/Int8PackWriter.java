package io.sightline.quantize;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a calibration result in place, guarded: the INT8 model goes to a temporary file first, the accuracy
 * check runs on it, and only when it passes are the model, the TensorRT calibration cache and (when the output
 * folder is the pack) manifest.json moved over the previous ones. The report is written either way.
 */
public final class Int8PackWriter {
    public static final String REPORT_JSON = "int8_report.json";
    public static final String REPORT_TEXT = "int8_report.txt";

    private Int8PackWriter() {
    }

    /**
     * @param written files moved into place (empty when the guard failed)
     */
    public record Outcome(AccuracyVerdict verdict, List<Path> written, Path reportJson, Path reportText) {
        public boolean passed() {
            return verdict.passed();
        }
    }

    public static Outcome write(Int8CalibrationResult result, Int8AccuracyCheck check, Path out) {
        Path pack = result.options().pack();
        try {
            Files.createDirectories(out);
            Path tmpModel = Files.createTempFile(out, ".vision_encoder_int8.", ".onnx.tmp");
            List<Path> temps = new ArrayList<>(List.of(tmpModel));
            try {
                byte[] model = result.int8Model().toByteArray();
                Files.write(tmpModel, model);
                readableByAll(tmpModel);
                AccuracyVerdict verdict = check.evaluate(pack.resolve(result.options().graph()), tmpModel);
                Path reportJson = out.resolve(REPORT_JSON);
                Path reportText = out.resolve(REPORT_TEXT);
                String text = Int8Report.text(result, verdict);
                byte[] json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(Int8Report.json(result, verdict));
                if (!verdict.passed()) {
                    replace(writeTemp(out, json, temps), reportJson);
                    replace(writeTemp(out, text.getBytes(StandardCharsets.UTF_8), temps), reportText);
                    return new Outcome(verdict, List.of(), reportJson, reportText);
                }
                byte[] cache = result.cache().toBytes();
                Map<Path, Path> moves = new LinkedHashMap<>();
                moves.put(tmpModel, out.resolve(Int8Options.INT8_ENCODER));
                moves.put(writeTemp(out, cache, temps), out.resolve(Int8Options.CALIBRATION_CACHE));
                if (isSameDir(out, pack)) {
                    byte[] manifest = updatedManifest(pack.resolve("manifest.json"), result, model, cache);
                    moves.put(writeTemp(out, manifest, temps), pack.resolve("manifest.json"));
                }
                moves.put(writeTemp(out, json, temps), reportJson);
                moves.put(writeTemp(out, text.getBytes(StandardCharsets.UTF_8), temps), reportText);
                List<Path> written = new ArrayList<>();
                for (Map.Entry<Path, Path> m : moves.entrySet()) {
                    replace(m.getKey(), m.getValue());
                    written.add(m.getValue());
                }
                return new Outcome(verdict, written, reportJson, reportText);
            } finally {
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException e) {
            throw new Int8CalibrationException("cannot write INT8 results to " + out + ": " + e.getMessage(), e);
        }
    }

    /** manifest.json with {@code files} listing the INT8 model and cache (sha256, bytes) and an {@code int8} section. */
    static byte[] updatedManifest(Path manifestFile, Int8CalibrationResult result, byte[] model, byte[] cache) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(manifestFile.toFile());
        if (!(root instanceof ObjectNode manifest) || !(manifest.get("files") instanceof ObjectNode files)) {
            throw new Int8CalibrationException(manifestFile + ": no 'files' object to list " + Int8Options.INT8_ENCODER + " in");
        }
        Map<String, JsonNode> entries = new java.util.TreeMap<>();
        files.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        entries.put(Int8Options.INT8_ENCODER, fileEntry(mapper, model));
        entries.put(Int8Options.CALIBRATION_CACHE, fileEntry(mapper, cache));
        files.removeAll();
        entries.forEach(files::set);
        ObjectNode int8 = manifest.putObject("int8");
        int8.put("file", Int8Options.INT8_ENCODER);
        int8.put("calibration_cache", Int8Options.CALIBRATION_CACHE);
        int8.put("format", "QDQ: per-tensor symmetric int8 activations, per-channel symmetric int8 weights, zero point 0");
        int8.put("method", result.options().method().id());
        int8.put("scope", result.options().scope().id());
        int8.put("calibration_frames", result.frames().size());
        int8.put("cosine_" + result.comparison().output(), result.comparison().cosineMean());
        // the training recipe writes json.dump(indent=1): one-space indents, ": " between key and value
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter(" ", "\n"))
            .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        return mapper.writer(printer).writeValueAsBytes(manifest);
    }

    private static ObjectNode fileEntry(ObjectMapper mapper, byte[] bytes) {
        return mapper.createObjectNode().put("sha256", sha256(bytes)).put("bytes", bytes.length);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static Path writeTemp(Path dir, byte[] bytes, List<Path> temps) throws IOException {
        Path t = Files.createTempFile(dir, ".int8.", ".tmp");
        temps.add(t);
        Files.write(t, bytes);
        readableByAll(t);
        return t;
    }

    /** Temp files are created owner-only; the pack's files are meant to be read by the service user too. */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void replace(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isSameDir(Path a, Path b) throws IOException {
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }
}

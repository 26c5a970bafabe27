package io.sightline.cli.pack;

import io.sightline.cli.UserFacingException;
import io.sightline.perception.pack.ModelPack;
import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.PackGraph;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.pack.PackTensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sightline pack verify DIR}: the checks the service runs before it starts (manifest, sha256 of every file,
 * graph tensors against ONNX Runtime sessions), then the pack's own fixtures through ONNX Runtime
 * ({@link PackFixtureCheck}), with a summary of what the pack holds.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Check a model pack: sha256 of every file, graph signatures, fixtures.",
    description = {"Checks a model pack: manifest.json, the sha256 of every listed file, and every graph's tensor names,"
        + " types and ranks (read from ONNX Runtime); then runs the pack's fixtures (fixtures/fixtures.json) through"
        + " ONNX Runtime and compares every output with the recorded one within the fixtures' tolerance (a weight"
        + " changed with a recomputed sha256 fails here). Exit 0 when the pack is usable, 1 with the file and the"
        + " mismatch (for fixtures: the file and the largest difference)."})
public final class VerifyPackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "model pack folder (e.g. models/tabletop-vlm)")
    Path dir;

    @Option(names = "--skip-fixtures", description = "only the file and tensor checks; do not run the fixtures")
    boolean skipFixtures;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelPack pack;
        try {
            pack = ModelPack.load(dir);
        } catch (PackException e) {
            throw new UserFacingException("pack " + dir + " refused: " + e.getMessage(), 1);
        }
        PackManifest m = pack.manifest();
        out.printf("%s %s: %d files verified (sha256), image %dx%d, %s%n", m.name(), m.version(), m.files().size(),
            m.image().width(), m.image().height(), m.language().map(l -> "grammar " + l.grammar() + ", " + l.loc().bins()
                + " loc bins, " + l.imageTokens() + " image tokens").orElse("no language decoder (no grounding)"));
        for (Map.Entry<String, PackGraph> g : m.graphs().entrySet()) {
            out.printf("  %-15s %s: in %s -> out %s%n", g.getKey(), g.getValue().file(), names(g.getValue().inputs()),
                names(g.getValue().outputs()));
        }
        out.printf("  int8 encoder: %s%n", pack.int8Encoder().map(Path::toString).orElse("none"));
        out.printf("  head: %s%n", m.head().map(h -> h.kind().key() + ", " + String.join("+", h.outputNames())
            + ", score >= " + h.scoreThreshold() + ", publish >= " + h.publishThreshold()
            + (h.publishThresholdPerClass().isEmpty() ? "" : " (per class " + h.publishThresholdPerClass() + ")")
            + ", NMS IoU " + h.nmsIou())
            .orElse("none"));
        out.flush();
        if (!skipFixtures) {
            fixtures(out);
        }
        return 0;
    }

    private void fixtures(PrintWriter out) {
        Optional<PackFixtureCheck.Result> result;
        try {
            result = PackFixtureCheck.run(dir);
        } catch (PackException | IllegalStateException e) {
            throw new UserFacingException("pack " + dir + " refused: fixtures: " + e.getMessage(), 1);
        }
        if (result.isEmpty()) {
            out.println("  fixtures: none (fixtures/fixtures.json absent): outputs not checked");
            out.flush();
            return;
        }
        PackFixtureCheck.Result r = result.get();
        Optional<PackFixtureCheck.Comparison> bad = r.worstFailure();
        if (bad.isPresent()) {
            PackFixtureCheck.Comparison c = bad.get();
            throw new UserFacingException(String.format(Locale.ROOT, "pack %s refused: fixtures: %s: %s of %s differs from"
                + " the recorded output, largest difference %.3e > tolerance %.1e (%d of %d outputs beyond it): the graphs"
                + " do not compute what the pack was exported with", dir, c.file(), c.output(), c.caseImage(), c.maxDiff(),
                r.tolerance(), r.comparisons().stream().filter(x -> !(x.maxDiff() <= r.tolerance())).count(),
                r.comparisons().size()), 1);
        }
        out.printf(Locale.ROOT, "  fixtures: %d outputs of %d cases within tolerance %.1e (largest difference %.2e)%n",
            r.comparisons().size(), r.comparisons().stream().map(PackFixtureCheck.Comparison::caseImage).distinct().count(),
            r.tolerance(), r.largest());
        out.flush();
    }

    private static String names(java.util.List<PackTensor> tensors) {
        return tensors.stream().map(t -> t.name() + ":" + t.type() + "/" + t.rank() + "d")
            .collect(Collectors.joining(", ", "[", "]"));
    }
}

package io.sightline.perception.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code paligemma-loc} answers: groups {@code <locYYYY><locXXXX><locYYYY><locXXXX> label} separated by
 * {@code ;} (y_min x_min y_max x_max, {@code bins} bins, decoded at the bin centre {@code (bin + 0.5) / bins} as
 * the manifest says). {@code none} (or an empty answer) means no box. A group is malformed when it does not have
 * exactly four loc tokens followed by a non-empty label, a bin is out of range, or min > max; the lenient
 * {@link #parse} skips such a group, {@link #parseStrict} throws. A trailing {@code <eos>} is ignored.
 *
 * <p>Test support: the decoder does not need it ({@link LocGrammar} builds the boxes while it constrains the
 * answer); tests use it to check that an answer's text and its boxes agree.
 */
public final class PaligemmaLocParser {
    private static final Pattern GROUP = Pattern.compile(
        "\\s*<loc(\\d{4})>\\s*<loc(\\d{4})>\\s*<loc(\\d{4})>\\s*<loc(\\d{4})>\\s*([^<>]*?)\\s*");
    private final int bins;

    public PaligemmaLocParser(int bins) {
        if (bins <= 0) {
            throw new IllegalArgumentException("loc bins must be positive, got " + bins);
        }
        this.bins = bins;
    }

    public List<LocResult> parse(String text) {
        return parse(text, false);
    }

    public List<LocResult> parseStrict(String text) {
        return parse(text, true);
    }

    private List<LocResult> parse(String text, boolean strict) {
        String body = text.replace("<eos>", "").strip();
        List<LocResult> out = new ArrayList<>();
        if (body.isEmpty() || body.equals("none")) {
            return out;
        }
        for (String group : body.split(";")) {
            String problem = null;
            Matcher m = GROUP.matcher(group);
            if (!m.matches()) {
                problem = "expected <loc>x4 followed by a label";
            } else if (m.group(5).isBlank()) {
                problem = "label missing";
            } else {
                List<Integer> yxyx = new ArrayList<>();
                for (int i = 0; i < 4 && problem == null; i++) {
                    int bin = Integer.parseInt(m.group(i + 1));
                    if (bin >= bins) {
                        problem = "bin " + bin + " out of range 0.." + (bins - 1);
                    }
                    yxyx.add(bin);
                }
                if (problem == null) {
                    Optional<LocResult> box = LocResult.fromYxyxBins(m.group(5).strip().replaceAll("\\s+", " "), yxyx, bins);
                    box.ifPresent(out::add);
                    if (box.isEmpty()) {
                        problem = "min corner after max corner";
                    }
                }
            }
            if (problem != null && strict) {
                throw new LocParseException("paligemma-loc: group '" + group.strip() + "': " + problem + " (answer '" + text + "')");
            }
        }
        return out;
    }
}

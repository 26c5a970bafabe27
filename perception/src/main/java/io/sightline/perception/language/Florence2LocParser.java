package io.sightline.perception.language;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code florence2-loc} answers as Florence-2 writes them: {@code label<loc_x1><loc_y1><loc_x2><loc_y2>}
 * repeated, 1000 bins per axis, decoded at the bin centre {@code (bin + 0.5) / 1000}. A label may carry several
 * boxes (its loc tokens come in multiples of four); an empty label is allowed (region proposals). Special tokens
 * such as {@code </s>} and {@code <pad>} are ignored. A label whose loc count is not a multiple of four, a bin over
 * 999, or min > max is malformed: {@link #parse} skips that label's boxes, {@link #parseStrict} throws.
 */
public final class Florence2LocParser implements LocParser {
    public static final int BINS = 1000;
    private static final Pattern LABELLED = Pattern.compile("([^<]*)((?:<loc_\\d+>)+)");
    private static final Pattern LOC = Pattern.compile("<loc_(\\d+)>");

    @Override
    public List<LocResult> parse(String text) {
        return parse(text, false);
    }

    @Override
    public List<LocResult> parseStrict(String text) {
        return parse(text, true);
    }

    private List<LocResult> parse(String text, boolean strict) {
        String body = text.replaceAll("</?s>|<pad>", "");
        List<LocResult> out = new ArrayList<>();
        Matcher m = LABELLED.matcher(body);
        while (m.find()) {
            String label = m.group(1).strip().replaceAll("\\s+", " ");
            List<Integer> bins = new ArrayList<>();
            Matcher l = LOC.matcher(m.group(2));
            while (l.find()) {
                bins.add(l.group(1).length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(l.group(1)));
            }
            String problem = null;
            List<LocResult> boxes = new ArrayList<>();
            if (bins.size() % 4 != 0) {
                problem = bins.size() + " loc tokens, not a multiple of 4";
            }
            for (int g = 0; problem == null && g < bins.size(); g += 4) {
                double[] v = new double[4];
                for (int i = 0; i < 4 && problem == null; i++) {
                    int bin = bins.get(g + i);
                    if (bin >= BINS) {
                        problem = "bin " + (bin == Integer.MAX_VALUE ? "(too long)" : bin) + " out of range 0.." + (BINS - 1);
                    }
                    v[i] = (bin + 0.5) / BINS;
                }
                if (problem == null && (v[0] > v[2] || v[1] > v[3])) {
                    problem = "min corner after max corner";
                }
                if (problem == null) {
                    boxes.add(new LocResult(label, v[0], v[1], v[2], v[3]));
                }
            }
            if (problem != null) {
                if (strict) {
                    throw new LocParseException("florence2-loc: '" + m.group().strip() + "': " + problem + " (answer '" + text + "')");
                }
                continue;
            }
            out.addAll(boxes);
        }
        return out;
    }
}

package io.sightline.perception.scene;

/**
 * An inclusive range of frame indices, as given on a command line: "7" (one frame), "0-20" (frames 0
 * to 20), "100-" (frame 100 to the end), or "all".
 */
public record FrameRange(int first, int last) {
    public static final FrameRange ALL = new FrameRange(0, Integer.MAX_VALUE);

    public FrameRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("frame range must have 0 <= first <= last, got " + first + "-" + last);
        }
    }

    public static FrameRange parse(String s) {
        String t = s.strip();
        if (t.equals("all")) {
            return ALL;
        }
        try {
            int dash = t.indexOf('-');
            if (dash < 0) {
                int n = Integer.parseInt(t);
                return new FrameRange(n, n);
            }
            int first = Integer.parseInt(t.substring(0, dash));
            String rest = t.substring(dash + 1);
            return new FrameRange(first, rest.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(rest));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frame range must look like 7, 0-20, 100- or all; got \"" + s + "\"");
        }
    }

    public boolean contains(int index) {
        return index >= first && index <= last;
    }
}

package io.sightline.perception.scene;

import java.util.Locale;
import java.util.Map;

/** BGR display colours for the scene's colour names, so a drawn box looks like the object it marks. */
final class LabelColours {
    private static final Map<String, int[]> BGR = Map.ofEntries(
        Map.entry("red", new int[] {40, 40, 230}),
        Map.entry("green", new int[] {60, 190, 40}),
        Map.entry("blue", new int[] {230, 90, 30}),
        Map.entry("yellow", new int[] {20, 230, 240}),
        Map.entry("orange", new int[] {10, 140, 255}),
        Map.entry("purple", new int[] {180, 40, 150}),
        Map.entry("pink", new int[] {190, 130, 255}),
        Map.entry("cyan", new int[] {230, 220, 30}),
        Map.entry("brown", new int[] {40, 80, 140}),
        Map.entry("white", new int[] {245, 245, 245}),
        Map.entry("black", new int[] {30, 30, 30}),
        Map.entry("grey", new int[] {150, 150, 150}),
        Map.entry("gray", new int[] {150, 150, 150}));

    private LabelColours() {}

    /** B, G, R in 0..255; an unknown name gets a stable colour derived from its hash. */
    static int[] bgr(String colour) {
        int[] c = BGR.get(colour == null ? "" : colour.toLowerCase(Locale.ROOT));
        if (c != null) {
            return c.clone();
        }
        int h = colour == null ? 0 : colour.hashCode();
        return new int[] {64 + (h & 0x7f), 64 + ((h >> 8) & 0x7f), 64 + ((h >> 16) & 0x7f)};
    }

    /** Black or white, whichever reads better on {@code bgr} (ITU-R BT.601 luma). */
    static int[] textOn(int[] bgr) {
        double luma = 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2];
        return luma > 140 ? new int[] {0, 0, 0} : new int[] {255, 255, 255};
    }
}

package io.sightline.scenes.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-drawn SVG chart (axes with ticks, lines, dots and bars) for the evaluation report, which must be
 * one self-contained file with no scripts or external libraries. The output is well-formed XML.
 */
public final class SvgChart {
    private static final int WIDTH = 480;
    private static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 44;
    /** Colour-blind-friendly categorical palette (Okabe and Ito, 2008), then greys. */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final List<String> marks = new ArrayList<>();
    private final List<String[]> legend = new ArrayList<>();
    private boolean legendBottomLeft;

    public SvgChart(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("empty chart range x [" + xMin + ", " + xMax + "] y [" + yMin + ", " + yMax + "]");
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
    }

    /** Puts the legend in the plot's bottom-left corner (where precision-recall curves rarely run) instead of top-right. */
    public SvgChart legendBottomLeft() {
        this.legendBottomLeft = true;
        return this;
    }

    /** A polyline through (x, y) pairs. */
    public SvgChart line(double[] xs, double[] ys, String colour, String label) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            pts.append(fmt(px(xs[i]))).append(',').append(fmt(py(ys[i]))).append(' ');
        }
        marks.add("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.6\" points=\"" + pts.toString().trim() + "\"/>");
        if (label != null) {
            legend.add(new String[] {colour, label});
        }
        return this;
    }

    /** Dots at (x, y) pairs. */
    public SvgChart dots(double[] xs, double[] ys, String colour, String label) {
        StringBuilder sb = new StringBuilder("<g fill=\"" + colour + "\" fill-opacity=\"0.6\">");
        for (int i = 0; i < xs.length; i++) {
            sb.append("<circle r=\"2.5\" cx=\"").append(fmt(px(clamp(xs[i], xMin, xMax)))).append("\" cy=\"")
                .append(fmt(py(clamp(ys[i], yMin, yMax)))).append("\"/>");
        }
        marks.add(sb.append("</g>").toString());
        if (label != null) {
            legend.add(new String[] {colour, label});
        }
        return this;
    }

    /** Bars from the x axis: bar i spans [edges[i], edges[i + 1]) with height heights[i]. */
    public SvgChart bars(double[] edges, double[] heights, String colour, String label) {
        StringBuilder sb = new StringBuilder("<g fill=\"" + colour + "\" fill-opacity=\"0.75\" stroke=\"#ffffff\" stroke-width=\"0.5\">");
        for (int i = 0; i < heights.length; i++) {
            double x0 = px(edges[i]);
            double x1 = px(edges[i + 1]);
            double y = py(Math.min(heights[i], yMax));
            sb.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                .append(fmt(Math.max(0, x1 - x0))).append("\" height=\"").append(fmt(py(yMin) - y)).append("\"/>");
        }
        marks.add(sb.append("</g>").toString());
        if (label != null) {
            legend.add(new String[] {colour, label});
        }
        return this;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        sb.append("<text x=\"").append(WIDTH / 2).append("\" y=\"17\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">")
            .append(Html.escape(title)).append("</text>");
        // Grid and ticks.
        for (double t : ticks(xMin, xMax)) {
            double x = px(t);
            sb.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(fmt(x))
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#e5e5e5\"/>");
            sb.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 14)
                .append("\" text-anchor=\"middle\">").append(tickLabel(t)).append("</text>");
        }
        for (double t : ticks(yMin, yMax)) {
            double y = py(t);
            sb.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#e5e5e5\"/>");
            sb.append("<text x=\"").append(LEFT - 5).append("\" y=\"").append(fmt(y + 4))
                .append("\" text-anchor=\"end\">").append(tickLabel(t)).append("</text>");
        }
        sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
            .append("\" height=\"").append(HEIGHT - TOP - BOTTOM).append("\" fill=\"none\" stroke=\"#444444\"/>");
        marks.forEach(sb::append);
        sb.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 8)
            .append("\" text-anchor=\"middle\">").append(Html.escape(xLabel)).append("</text>");
        sb.append("<text transform=\"translate(14,").append((TOP + HEIGHT - BOTTOM) / 2)
            .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.escape(yLabel)).append("</text>");
        // Legend inside the plot's top-right corner, at most 12 entries (the HTML table lists them all).
        int shown = Math.min(legend.size(), 12);
        int rows = shown + (legend.size() > shown ? 1 : 0);
        int x = legendBottomLeft ? LEFT + 8 : WIDTH - RIGHT - 150;
        int firstY = legendBottomLeft ? HEIGHT - BOTTOM - 6 - (rows - 1) * 14 : TOP + 12;
        for (int i = 0; i < shown; i++) {
            int y = firstY + i * 14;
            sb.append("<rect x=\"").append(x).append("\" y=\"").append(y - 8).append("\" width=\"10\" height=\"10\" fill=\"")
                .append(legend.get(i)[0]).append("\"/>");
            sb.append("<text x=\"").append(x + 14).append("\" y=\"").append(y + 1).append("\">")
                .append(Html.escape(legend.get(i)[1])).append("</text>");
        }
        if (legend.size() > shown) {
            sb.append("<text x=\"").append(x).append("\" y=\"").append(firstY + shown * 14 + 1)
                .append("\">+").append(legend.size() - shown).append(" more</text>");
        }
        return sb.append("</svg>").toString();
    }

    private double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    private double py(double y) {
        return HEIGHT - BOTTOM - (y - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
    }

    /** Round tick values (1, 2 or 5 times a power of ten) giving about five ticks. */
    static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        List<Double> out = new ArrayList<>();
        // k * step, rounded to 12 decimals, so that 3 x 0.2 is the tick 0.6 and not 0.6000000000000001.
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            out.add(Math.round(k * step * 1e12) / 1e12);
        }
        return out;
    }

    private static String tickLabel(double t) {
        String s = String.format(Locale.ROOT, "%.4f", t);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

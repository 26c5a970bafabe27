package io.sightline.perception.tracking;

import io.sightline.perception.scene.Box2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One-to-one assignment of rows (tracks) to columns (detections) by IoU, greedy in descending IoU.
 *
 * <p>Why greedy rather than Hungarian: only pairs with the same label and an IoU over the threshold are
 * candidates, so the candidate graph falls apart into tiny groups (two green bottles side by side at most in
 * practice) where both give the same answer. Where they differ, Hungarian maximises the IoU sum and may trade
 * one near-certain pair for two mediocre ones; greedy keeps the most certain pair, the choice CenterTrack and
 * MOT evaluators' "best match first" make. Ties break on row then column index, so the result is deterministic.
 */
final class Association {
    /** A candidate pair; {@code score} is its IoU. */
    record Pair(int row, int column, double score) {}

    private Association() {
    }

    /** The chosen pairs; {@code candidates} are pairs that passed every gate. */
    static List<Pair> greedy(List<Pair> candidates, int rows, int columns) {
        List<Pair> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Pair::score).reversed()
            .thenComparingInt(Pair::row).thenComparingInt(Pair::column));
        boolean[] rowTaken = new boolean[rows];
        boolean[] columnTaken = new boolean[columns];
        List<Pair> chosen = new ArrayList<>();
        for (Pair p : sorted) {
            if (!rowTaken[p.row()] && !columnTaken[p.column()]) {
                rowTaken[p.row()] = true;
                columnTaken[p.column()] = true;
                chosen.add(p);
            }
        }
        return chosen;
    }

    /** Pairs of boxes with IoU >= threshold (no label check), for matchers that compare boxes only. */
    static List<Pair> byIou(List<Box2D> rows, List<Box2D> columns, double threshold) {
        List<Pair> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                double iou = rows.get(r).iou(columns.get(c));
                if (iou >= threshold) {
                    out.add(new Pair(r, c, iou));
                }
            }
        }
        return out;
    }

    static boolean[] unmatched(List<Pair> chosen, int size, boolean byRow) {
        boolean[] free = new boolean[size];
        Arrays.fill(free, true);
        for (Pair p : chosen) {
            free[byRow ? p.row() : p.column()] = false;
        }
        return free;
    }
}

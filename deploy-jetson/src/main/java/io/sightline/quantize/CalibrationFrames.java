package io.sightline.quantize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Frames of recorded scenes ({@code <scene>/frames/NNNNNN.jpg}) to calibrate on. A directory given is either
 * one scene, a folder of scenes, or a labelled image set ({@link LabelledImageSet}: its validation images only, so
 * the test split stays unseen). The choice is deterministic: N frames evenly spaced over all frames of all
 * scenes, in sorted order, so every scene contributes.
 */
public final class CalibrationFrames {
    private CalibrationFrames() {
    }

    public static List<Path> select(List<Path> sceneDirs, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("frame count must be > 0, got " + count);
        }
        List<Path> all = new ArrayList<>();
        for (Path dir : sceneDirs) {
            all.addAll(framesUnder(dir));
        }
        if (all.isEmpty()) {
            throw new Int8CalibrationException("no frames (frames/*.jpg or *.png) under " + sceneDirs);
        }
        if (all.size() <= count) {
            return all;
        }
        List<Path> chosen = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            chosen.add(all.get((int) ((long) k * all.size() / count)));
        }
        return chosen;
    }

    static List<Path> framesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Int8CalibrationException("scene directory " + dir + " does not exist");
        }
        if (LabelledImageSet.isLabelledSet(dir)) {
            return LabelledImageSet.read(dir).split(LabelledImageSet.Split.VAL).stream().map(LabelledImageSet.LabelledImage::file).toList();
        }
        Path frames = dir.resolve("frames");
        if (Files.isDirectory(frames)) {
            return images(frames);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isDirectory(child.resolve("frames"))) {
                    out.addAll(images(child.resolve("frames")));
                }
            }
        } catch (IOException e) {
            throw new Int8CalibrationException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new Int8CalibrationException(dir + " is neither a scene (no frames/ folder), a folder of scenes nor a labelled image set (no labels.jsonl)");
        }
        return out;
    }

    private static List<Path> images(Path frames) {
        try (Stream<Path> files = Files.list(frames)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".jpg") || n.endsWith(".png");
            }).sorted().toList();
        } catch (IOException e) {
            throw new Int8CalibrationException("cannot list " + frames + ": " + e.getMessage(), e);
        }
    }
}

package io.sightline.calibration.camera.calib;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.TreeSet;
import org.bytedeco.opencv.global.opencv_objdetect;

/** The predefined ArUco dictionaries of OpenCV's objdetect module, by their C++ names (DICT_4X4_50 ...). */
final class ArucoDictionaries {
    private ArucoDictionaries() {}

    static boolean exists(String name) {
        return id(name) >= 0;
    }

    /** The dictionary's exact name for a case-insensitive one, with or without the DICT_ prefix; null if unknown. */
    static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.regionMatches(true, 0, "DICT_", 0, 5) ? name : "DICT_" + name;
        return names().stream().filter(n -> n.equalsIgnoreCase(wanted)).findFirst().orElse(null);
    }

    /** The PredefinedDictionaryType value, or -1. */
    static int id(String name) {
        if (name == null || !name.startsWith("DICT_")) {
            return -1;
        }
        try {
            Field f = opencv_objdetect.class.getField(name);
            return Modifier.isStatic(f.getModifiers()) && f.getType() == int.class ? f.getInt(null) : -1;
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return -1;
        }
    }

    static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Field f : opencv_objdetect.class.getFields()) {
            if (f.getName().startsWith("DICT_") && f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                names.add(f.getName());
            }
        }
        return List.copyOf(names);
    }
}

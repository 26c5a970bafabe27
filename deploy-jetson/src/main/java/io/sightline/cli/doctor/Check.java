package io.sightline.cli.doctor;

import java.util.Objects;

/**
 * One line of the doctor's table.
 *
 * @param name    what was checked ("java", "broker", ...)
 * @param verdict how it came out
 * @param detail  what was found
 * @param fix     what to do about a WARN or FAIL; empty otherwise
 */
public record Check(String name, Verdict verdict, String detail, String fix) {
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
    }

    static Check ok(String name, String detail) {
        return new Check(name, Verdict.OK, detail, "");
    }

    static Check warn(String name, String detail, String fix) {
        return new Check(name, Verdict.WARN, detail, fix);
    }

    static Check fail(String name, String detail, String fix) {
        return new Check(name, Verdict.FAIL, detail, fix);
    }

    static Check skip(String name, String detail) {
        return new Check(name, Verdict.SKIP, detail, "");
    }
}

package io.sightline.scenes.eval;

import java.util.OptionalDouble;

/** {@code hits} out of {@code total}; undefined when total is 0. */
public record Rate(int hits, int total) {
    public static final Rate NONE = new Rate(0, 0);

    public Rate {
        if (hits < 0 || total < hits) {
            throw new IllegalArgumentException("rate " + hits + "/" + total + " is not a count out of a total");
        }
    }

    public OptionalDouble value() {
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) hits / total);
    }

    public Rate plus(boolean hit) {
        return new Rate(hits + (hit ? 1 : 0), total + 1);
    }
}

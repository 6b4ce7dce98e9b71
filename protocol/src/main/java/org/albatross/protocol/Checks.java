package org.albatross.protocol;

import java.util.Collection;
import java.util.Objects;

/** Argument checks shared by the records' compact constructors. */
final class Checks {
    private Checks() {
    }

    static void nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }

    static void noNulls(Collection<?> values, String what) {
        Objects.requireNonNull(values, what);
        for (Object value : values) {
            Objects.requireNonNull(value, () -> what + " must not contain null");
        }
    }
}

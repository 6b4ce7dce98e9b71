package org.albatross.daemon.events;

import java.nio.file.Path;
import java.util.Optional;

/** A segment file, {@code <first sequence number, 20 digits>.log}, so that names sort in log order. */
record Segment(Path file, long firstSequence) {
    private static final String SUFFIX = ".log";
    private static final int DIGITS = 20;

    static Segment in(Path directory, long firstSequence) {
        String digits = Long.toString(firstSequence);
        // by hand, not String.format: its Formatter sets up the locale's number symbols, milliseconds of a cold start
        return new Segment(directory.resolve("0".repeat(DIGITS - digits.length()) + digits + SUFFIX), firstSequence);
    }

    /** The segment {@code file} is, if its name is a segment's name. */
    static Optional<Segment> named(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String digits = name.substring(0, DIGITS);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Segment(file, Long.parseLong(digits)));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }
}

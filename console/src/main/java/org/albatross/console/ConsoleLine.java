package org.albatross.console;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a unikernel's console output: never empty, without its newline, at most
 * {@link ConsoleLineSplitter#MAX_LINE_BYTES} bytes of UTF-8 plus {@link ConsoleLineSplitter#TRUNCATED}.
 *
 * @param timestamp when the daemon read the chunk that completed the line
 * @param text the line's text
 */
public record ConsoleLine(Instant timestamp, String text) {
    public ConsoleLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(text, "text");
    }
}

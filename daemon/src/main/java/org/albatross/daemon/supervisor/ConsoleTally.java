package org.albatross.daemon.supervisor;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.albatross.console.ConsoleWriter;

/**
 * How much a unikernel has written to its console: lines added to its ring and bytes read, for its meters. Both
 * may be read from any thread.
 */
public record ConsoleTally(LongSupplier lines, LongSupplier bytes) {
    /** A unikernel whose console is not counted, e.g. one made up by a test. */
    public static final ConsoleTally NONE = new ConsoleTally(() -> 0, () -> 0);

    public ConsoleTally {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(bytes, "bytes");
    }

    static ConsoleTally of(ConsoleWriter writer) {
        return new ConsoleTally(writer::linesWritten, writer::bytesRead);
    }
}

package org.albatross.daemon.consolefiles;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.albatross.console.ConsoleLine;
import org.albatross.console.ConsoleLineSplitter;
import org.albatross.protocol.InstantText;

/**
 * A console line in a console file: its timestamp (ISO-8601 in UTC, as {@link Instant#toString}), a space, its text,
 * a newline. A line's text has no newline (the splitter cut there), so the file is text an operator reads with
 * {@code tail} or {@code less}. Pure: bytes in, lines out.
 */
final class ConsoleFileFormat {
    /** The most bytes one line takes: the longest timestamp, a space, the longest text and a newline. */
    static final int MAX_RECORD_BYTES = "-1000000000-01-01T00:00:00.000000000Z".length() + 1
            + ConsoleLineSplitter.MAX_LINE_BYTES + ConsoleLineSplitter.TRUNCATED.length() + 1;

    private ConsoleFileFormat() {
    }

    /** The line as it is written to a file. */
    static byte[] encode(ConsoleLine line) {
        return (line.timestamp() + " " + line.text() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The lines in {@code bytes[from, to)}, oldest first. A first piece that may be the end of a line cut off
     * ({@code fromLineStart} false) and a last piece without its newline (written while the daemon died) are not
     * lines; a line whose timestamp does not parse is counted as damaged and skipped.
     */
    static Read decode(byte[] bytes, int from, int to, boolean fromLineStart) {
        List<ConsoleLine> lines = new ArrayList<>();
        int damaged = 0;
        int start = from;
        if (!fromLineStart) {
            while (start < to && bytes[start] != '\n') {
                start++;
            }
            start++;
        }
        for (int end = start; end < to; end++) {
            if (bytes[end] != '\n') {
                continue;
            }
            ConsoleLine line = line(bytes, start, end);
            if (line == null) {
                damaged++;
            } else {
                lines.add(line);
            }
            start = end + 1;
        }
        return new Read(lines, damaged);
    }

    /** What {@link #decode} found: the lines, and how many were damaged. */
    record Read(List<ConsoleLine> lines, int damaged) {
    }

    private static ConsoleLine line(byte[] bytes, int start, int end) {
        int space = start;
        while (space < end && bytes[space] != ' ') {
            space++;
        }
        if (space == end || space + 1 == end) {
            return null;
        }
        try {
            Instant timestamp = InstantText.parse(bytes, start, space);
            return new ConsoleLine(timestamp, new String(bytes, space + 1, end - space - 1, StandardCharsets.UTF_8));
        } catch (DateTimeException e) {
            return null;
        }
    }
}

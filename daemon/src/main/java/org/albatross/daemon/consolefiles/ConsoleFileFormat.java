package org.albatross.daemon.consolefiles;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.albatross.console.ConsoleLine;
import org.albatross.console.ConsoleLineSplitter;

/**
 * A console line in a console file: its timestamp (ISO-8601 in UTC, as {@link Instant#toString}), a space, its text,
 * a newline. A line's text has no newline (the splitter cut there), so the file is text an operator reads with
 * {@code tail} or {@code less}. Pure: bytes in, lines out.
 */
final class ConsoleFileFormat {
    /** The most bytes one line takes: the longest timestamp, a space, the longest text and a newline. */
    static final int MAX_RECORD_BYTES = "-1000000000-01-01T00:00:00.000000000Z".length() + 1
            + ConsoleLineSplitter.MAX_LINE_BYTES + ConsoleLineSplitter.TRUNCATED.length() + 1;

    /** {@code 2026-12-07T07:17:41}: the length of a timestamp up to its seconds. */
    private static final int SECONDS_LENGTH = 19;
    private static final long SECONDS_PER_DAY = 86_400;
    /** What a fraction of 3, 6 or 9 digits (the index) is multiplied by to make nanoseconds. */
    private static final long[] NANO_SCALE = {0, 0, 0, 1_000_000, 0, 0, 1_000, 0, 0, 1};

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
            Instant timestamp = timestamp(bytes, start, space);
            return new ConsoleLine(timestamp, new String(bytes, space + 1, end - space - 1, StandardCharsets.UTF_8));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The timestamp in {@code bytes[start, end)}. What {@link Instant#toString} writes for the years 0000 to 9999,
     * {@code 2026-12-07T07:17:41.899Z} with no fraction or one of 3, 6 or 9 digits, is read here directly: a starting
     * daemon reads every kept console's lines, and {@link Instant#parse}'s formatter, interpreted, costs a tenth of a
     * millisecond a line. Anything else is left to {@link Instant#parse}.
     *
     * @throws DateTimeException if it is not a timestamp
     */
    static Instant timestamp(byte[] bytes, int start, int end) {
        int length = end - start;
        int fractionDigits = length - SECONDS_LENGTH - 2;
        boolean simple = (length == SECONDS_LENGTH + 1
                || (fractionDigits == 3 || fractionDigits == 6 || fractionDigits == 9)
                        && bytes[start + SECONDS_LENGTH] == '.')
                && bytes[end - 1] == 'Z' && bytes[start + 4] == '-' && bytes[start + 7] == '-'
                && bytes[start + 10] == 'T' && bytes[start + 13] == ':' && bytes[start + 16] == ':';
        if (simple) {
            int year = digits(bytes, start, 4);
            int month = digits(bytes, start + 5, 2);
            int day = digits(bytes, start + 8, 2);
            int hour = digits(bytes, start + 11, 2);
            int minute = digits(bytes, start + 14, 2);
            int second = digits(bytes, start + 17, 2);
            int fraction = fractionDigits > 0 ? digits(bytes, start + SECONDS_LENGTH + 1, fractionDigits) : 0;
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60 && fraction >= 0) {
                long days = LocalDate.of(year, month, day).toEpochDay();
                long nanos = fractionDigits > 0 ? fraction * NANO_SCALE[fractionDigits] : 0;
                return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
            }
        }
        return Instant.parse(new String(bytes, start, length, StandardCharsets.US_ASCII));
    }

    /** The number that {@code count} ASCII digits from {@code at} write, or -1 if one is not a digit. */
    private static int digits(byte[] bytes, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return -1;
            }
            value = value * 10 + bytes[i] - '0';
        }
        return value;
    }
}

package org.albatross.protocol;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as {@link Instant#toString} writes it (ISO-8601 in UTC), as the daemon's files keep them: a console line's
 * timestamp, a monitor record's start. What it writes for the years 0000 to 9999, {@code 2026-12-07T07:17:41.899Z}
 * with no fraction or one of 3, 6 or 9 digits, is read here directly: a starting daemon reads every kept console's
 * lines and every running unikernel's record, and {@link Instant#parse}'s formatter, interpreted, costs a tenth of a
 * millisecond each. Anything else is left to {@link Instant#parse}.
 */
public final class InstantText {
    /** {@code 2026-12-07T07:17:41}: the length of a timestamp up to its seconds. */
    private static final int SECONDS_LENGTH = 19;
    private static final long SECONDS_PER_DAY = 86_400;
    /** What a fraction of 3, 6 or 9 digits (the index) is multiplied by to make nanoseconds. */
    private static final long[] NANO_SCALE = {0, 0, 0, 1_000_000, 0, 0, 1_000, 0, 0, 1};

    private InstantText() {
    }

    /**
     * The instant {@code text} writes.
     *
     * @throws DateTimeException if it is not an instant
     */
    public static Instant parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        Instant simple = simple(bytes, 0, bytes.length);
        return simple != null ? simple : Instant.parse(text);
    }

    /**
     * The instant that the ASCII text in {@code bytes[start, end)} writes.
     *
     * @throws DateTimeException if it is not an instant
     */
    public static Instant parse(byte[] bytes, int start, int end) {
        Instant simple = simple(bytes, start, end);
        return simple != null ? simple : Instant.parse(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
    }

    /** The instant, if the text is of the simple form and its fields are in range; else null. */
    private static Instant simple(byte[] bytes, int start, int end) {
        int length = end - start;
        int fractionDigits = length - SECONDS_LENGTH - 2;
        boolean simple = (length == SECONDS_LENGTH + 1
                || (fractionDigits == 3 || fractionDigits == 6 || fractionDigits == 9)
                        && bytes[start + SECONDS_LENGTH] == '.')
                && bytes[end - 1] == 'Z' && bytes[start + 4] == '-' && bytes[start + 7] == '-'
                && bytes[start + 10] == 'T' && bytes[start + 13] == ':' && bytes[start + 16] == ':';
        if (!simple) {
            return null;
        }
        int year = digits(bytes, start, 4);
        int month = digits(bytes, start + 5, 2);
        int day = digits(bytes, start + 8, 2);
        int hour = digits(bytes, start + 11, 2);
        int minute = digits(bytes, start + 14, 2);
        int second = digits(bytes, start + 17, 2);
        int fraction = fractionDigits > 0 ? digits(bytes, start + SECONDS_LENGTH + 1, fractionDigits) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour >= 24 || minute < 0 || minute >= 60 || second < 0
                || second >= 60 || fraction < 0) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        long nanos = fractionDigits > 0 ? fraction * NANO_SCALE[fractionDigits] : 0;
        return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
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

package org.albatross.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * GeneralizedTime text in UTC, {@code YYYYMMDDhhmmss[.fraction]Z}, both ways. Whole seconds print as albatross
 * writes them ({@code 20250101000000Z}); a sub-second part prints to the nanosecond with trailing zeros dropped,
 * as DER requires. Formatted and parsed by hand: every console line carries one, and a date formatter's work
 * dominated a line's encoding when one did it.
 */
final class GeneralizedTimes {
    // Not Instant.parse: its formatter, set up and run interpreted, was milliseconds of the daemon's start.
    static final Instant FIRST = LocalDateTime.of(0, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    static final Instant LAST = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999).toInstant(ZoneOffset.UTC);
    private static final int NANO_DIGITS = 9;

    private GeneralizedTimes() {
    }

    static byte[] format(Instant instant) {
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new IllegalArgumentException("time " + instant + " is outside the years 0000-9999 that GeneralizedTime carries");
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(25);
        digits(text, time.getYear(), 4);
        digits(text, time.getMonthValue(), 2);
        digits(text, time.getDayOfMonth(), 2);
        digits(text, time.getHour(), 2);
        digits(text, time.getMinute(), 2);
        digits(text, time.getSecond(), 2);
        int fraction = instant.getNano();
        if (fraction != 0) {
            int width = NANO_DIGITS;
            while (fraction % 10 == 0) {
                fraction /= 10;
                width--;
            }
            digits(text.append('.'), fraction, width);
        }
        return text.append('Z').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The instant {@code text} names; IllegalArgumentException or DateTimeException say why it names none. */
    static Instant parse(String text) {
        int length = text.length();
        boolean shaped = length >= 15 && text.charAt(length - 1) == 'Z' && allDigits(text, 0, 14)
                && (length == 15 || (length >= 17 && length <= 15 + 1 + NANO_DIGITS && text.charAt(14) == '.'
                        && allDigits(text, 15, length - 1)));
        if (!shaped) {
            throw new IllegalArgumentException("time \"" + text + "\" is not YYYYMMDDhhmmss[.fraction]Z");
        }
        LocalDateTime seconds = LocalDateTime.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8),
                number(text, 8, 10), number(text, 10, 12), number(text, 12, 14));
        int nanos = 0;
        for (int i = 15; i < 15 + NANO_DIGITS; i++) {
            nanos = nanos * 10 + (i < length - 1 ? text.charAt(i) - '0' : 0);
        }
        return seconds.toInstant(ZoneOffset.UTC).plusNanos(length == 15 ? 0 : nanos);
    }

    private static void digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        text.append("000000000", 0, width - number.length()).append(number);
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }
}

package org.albatross.console;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a unikernel's console byte stream into lines, with albatross's rules: a line ends at {@code '\n'} (a
 * {@code "\r\n"} ending counts as one newline), empty lines are dropped, and a line longer than
 * {@value #MAX_LINE_BYTES} bytes keeps its first {@value #MAX_LINE_BYTES} bytes plus {@value #TRUNCATED} while the
 * rest up to the next newline is dropped.
 *
 * <p>Bytes arrive in chunks of any size that may split lines and UTF-8 sequences anywhere; the lines produced depend
 * only on the concatenated input. Text is decoded as UTF-8 with U+FFFD for malformed bytes. The limit applies to the
 * decoded line's UTF-8 form, so a line with malformed input (each malformed byte becomes three bytes) never exceeds it
 * either, and a cut never splits a character.
 *
 * <p>Pure and not thread-safe: one splitter per output stream, fed by the one thread that reads that stream. Memory
 * is bounded by the limit, whatever the input.
 */
public final class ConsoleLineSplitter {
    /** The longest line kept, in bytes of UTF-8. */
    public static final int MAX_LINE_BYTES = 512;
    /** Appended to a line that was cut at {@link #MAX_LINE_BYTES}. */
    public static final String TRUNCATED = " [truncated]";

    private static final int LONGEST_UTF8_SEQUENCE = 4;
    // A decoded line can outgrow its input only through U+FFFD (3 bytes for 1 malformed byte).
    private static final int MAX_BYTES_SAFE_FROM_EXPANSION = MAX_LINE_BYTES / 3;

    // Room for the limit, a '\r' that may turn out to end the line, and one byte that proves the line too long.
    private final byte[] pending = new byte[MAX_LINE_BYTES + 2];
    private int pendingLength;
    private boolean dropping;

    /**
     * Splits the next chunk of the stream, handing each completed line to {@code lines}. An unfinished last line is
     * kept for the next chunk (or {@link #finish}).
     */
    public void feed(byte[] chunk, int offset, int length, Consumer<String> lines) {
        int end = offset + length;
        int lineStart = offset;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                endLine(chunk, lineStart, i, lines);
                lineStart = i + 1;
            }
        }
        append(chunk, lineStart, end, lines);
    }

    /** Ends the stream: an unfinished last line is handed out as if a newline followed it. */
    public void finish(Consumer<String> lines) {
        endLine(pending, 0, 0, lines);
    }

    /** {@code chunk[from, to)} ends the current line; the newline itself is not part of it. */
    private void endLine(byte[] chunk, int from, int to, Consumer<String> lines) {
        if (pendingLength == 0 && !dropping) {
            complete(chunk, from, to, lines);
            return;
        }
        append(chunk, from, to, lines);
        if (!dropping) {
            complete(pending, 0, pendingLength, lines);
        }
        dropping = false;
        pendingLength = 0;
    }

    /** Adds {@code chunk[from, to)} to the unfinished line, cutting the line as soon as it is sure to be too long. */
    private void append(byte[] chunk, int from, int to, Consumer<String> lines) {
        if (dropping || from == to) {
            return;
        }
        int count = Math.min(pending.length - pendingLength, to - from);
        System.arraycopy(chunk, from, pending, pendingLength, count);
        pendingLength += count;
        boolean tooLong = pendingLength > MAX_LINE_BYTES + 1
                || pendingLength == MAX_LINE_BYTES + 1 && pending[MAX_LINE_BYTES] != '\r';
        if (tooLong) {
            complete(pending, 0, pendingLength, lines);
            dropping = true;
            pendingLength = 0;
        }
    }

    /** Hands out {@code bytes[from, to)} as a line: without a trailing '\r', dropped if empty, cut if too long. */
    private static void complete(byte[] bytes, int from, int to, Consumer<String> lines) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        if (end == from) {
            return;
        }
        boolean cut = end - from > MAX_LINE_BYTES;
        if (cut) {
            end = characterStartAtOrBefore(bytes, from + MAX_LINE_BYTES, from);
        }
        String text = new String(bytes, from, end - from, StandardCharsets.UTF_8);
        if (end - from > MAX_BYTES_SAFE_FROM_EXPANSION && text.indexOf('\uFFFD') >= 0) {
            String fitted = fitToLimit(text);
            cut |= fitted.length() < text.length();
            text = fitted;
        }
        lines.accept(cut ? text + TRUNCATED : text);
    }

    /** The cut position moved back off UTF-8 continuation bytes, so that the cut does not split a character. */
    private static int characterStartAtOrBefore(byte[] bytes, int cut, int lineStart) {
        int position = cut;
        while (position > cut - LONGEST_UTF8_SEQUENCE + 1 && position > lineStart
                && (bytes[position] & 0xC0) == 0x80) {
            position--;
        }
        return (bytes[position] & 0xC0) == 0x80 ? cut : position;
    }

    /** The longest prefix of {@code text}, whole code points only, whose UTF-8 form fits the limit. */
    private static String fitToLimit(String text) {
        int bytes = 0;
        int index = 0;
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_LINE_BYTES) {
                break;
            }
            bytes += size;
            index += Character.charCount(codePoint);
        }
        return text.substring(0, index);
    }
}

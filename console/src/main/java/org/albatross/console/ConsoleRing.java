package org.albatross.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@link #capacity()} lines of one unikernel's console, each with its sequence number: the first line ever
 * written is number 0, and {@link #written()} is the number of the next one.
 *
 * <p>Safe for one writer and any number of readers without locks: the writer publishes a slot before it advances
 * {@link #written()}, and a reader that finds a slot already overwritten by a newer line reports the line as gone
 * ({@code null}) rather than returning the wrong one.
 */
public final class ConsoleRing {
    private record Slot(long sequence, ConsoleLine line) {
    }

    private final Slot[] slots;
    private volatile long written;

    /** @param capacity the number of lines kept, at least 1 */
    public ConsoleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a console ring keeps at least 1 line, not " + capacity);
        }
        this.slots = new Slot[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    /** The number of lines ever appended, which is also the sequence number the next line will get. */
    public long written() {
        return written;
    }

    /** The sequence number of the oldest line still kept (equal to {@link #written()} when there is none). */
    public long oldestKept() {
        return oldestKept(written);
    }

    /** Appends a line, overwriting the oldest when the ring is full. Only one thread may append. */
    public void append(ConsoleLine line) {
        long sequence = written;
        slots[slotOf(sequence)] = new Slot(sequence, line);
        written = sequence + 1;
    }

    /** The line with this sequence number, or {@code null} if it was overwritten or is not written yet. */
    public ConsoleLine line(long sequence) {
        if (sequence < 0 || sequence >= written) {
            return null;
        }
        Slot slot = slots[slotOf(sequence)];
        return slot != null && slot.sequence() == sequence ? slot.line() : null;
    }

    /**
     * The last {@code min(count, capacity)} lines, oldest first; a negative count gives none. The result never holds
     * more than the ring, however large the count.
     */
    public List<ConsoleLine> last(long count) {
        long end = written;
        long start = Math.max(oldestKept(end), end - Math.max(0, count));
        return between(start, end);
    }

    /** Every kept line whose timestamp is at or after {@code since}, oldest first. */
    public List<ConsoleLine> since(Instant since) {
        long end = written;
        List<ConsoleLine> lines = between(oldestKept(end), end);
        lines.removeIf(line -> line.timestamp().isBefore(since));
        return lines;
    }

    private List<ConsoleLine> between(long start, long end) {
        List<ConsoleLine> lines = new ArrayList<>((int) (end - start));
        for (long sequence = start; sequence < end; sequence++) {
            ConsoleLine line = line(sequence);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private long oldestKept(long end) {
        return Math.max(0, end - slots.length);
    }

    private int slotOf(long sequence) {
        return (int) (sequence % slots.length);
    }
}

package org.albatross.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last {@link #capacity()} lines of one unikernel's console, each with its sequence number: the first line ever
 * written is number 0, and {@link #written()} is the number of the next one.
 *
 * <p>The slots grow as lines come, doubling up to the capacity: most unikernels print a banner and a few lines, and
 * a thousand of them should not hold a thousand empty rings.
 *
 * <p>Safe for one writer and any number of readers without locks: the writer publishes a slot before it advances
 * {@link #written()}, and a reader that finds a slot already overwritten by a newer line reports the line as gone
 * ({@code null}) rather than returning the wrong one. Growing copies every line into a larger array, published
 * before the next line is, so a reader finds each line written so far whichever array it reads.
 */
public final class ConsoleRing {
    /** Slots of a new ring, before its first line. */
    static final int FIRST_SLOTS = 8;

    private record Slot(long sequence, ConsoleLine line) {
    }

    private final int capacity;
    private volatile Slot[] slots;
    private volatile long written;

    /** @param capacity the number of lines kept, at least 1 */
    public ConsoleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a console ring keeps at least 1 line, not " + capacity);
        }
        this.capacity = capacity;
        this.slots = new Slot[Math.min(capacity, FIRST_SLOTS)];
    }

    public int capacity() {
        return capacity;
    }

    /** How many slots the ring holds now: at most its capacity. */
    int slots() {
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
        Slot[] current = slots;
        if (sequence == current.length && current.length < capacity) {
            // Nothing was overwritten yet: line n is in slot n, and stays there in the larger array.
            current = Arrays.copyOf(current, (int) Math.min(capacity, 2L * current.length));
            slots = current;
        }
        current[(int) (sequence % current.length)] = new Slot(sequence, line);
        written = sequence + 1;
    }

    /** The line with this sequence number, or {@code null} if it was overwritten or is not written yet. */
    public ConsoleLine line(long sequence) {
        if (sequence < 0 || sequence >= written) {
            return null;
        }
        Slot[] current = slots;
        Slot slot = current[(int) (sequence % current.length)];
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
        return Math.max(0, end - capacity);
    }
}

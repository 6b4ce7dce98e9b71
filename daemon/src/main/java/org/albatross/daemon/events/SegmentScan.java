package org.albatross.daemon.events;

import java.util.ArrayList;
import java.util.List;

/**
 * What a segment file holds: its valid records in order, the damaged byte ranges skipped between them, and where
 * the last valid record ends. Bytes after {@link #end()} are a tail that holds no valid record: in the segment being
 * written that is a record a crash cut short, never acknowledged. Pure: it reads a byte array.
 *
 * @param events the valid records, in file order
 * @param damage the damaged ranges before {@link #end()}, each skipped up to the next valid record
 * @param end    the offset just after the last valid record (0 if there is none)
 * @param tail   why the bytes from {@link #end()} to the end of the file hold no valid record, if there are any
 */
record SegmentScan(List<LoggedEvent> events, List<Damage> damage, int end, String tail) {

    /** A range of bytes that holds no valid record, and why. */
    record Damage(int offset, int length, String reason) {
    }

    SegmentScan {
        events = List.copyOf(events);
        damage = List.copyOf(damage);
    }

    boolean hasTail() {
        return !tail.isEmpty();
    }

    static SegmentScan of(byte[] segment) {
        return of(segment, segment.length);
    }

    /** Scans the first {@code length} bytes of {@code segment}. */
    static SegmentScan of(byte[] segment, int length) {
        List<LoggedEvent> events = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        int offset = 0;
        int end = 0;
        while (offset < length) {
            EventRecord.Read read = EventRecord.read(segment, offset, length);
            if (read instanceof EventRecord.Valid valid) {
                events.add(valid.event());
                offset += valid.length();
                end = offset;
                continue;
            }
            int next = nextValidRecord(segment, offset + 1, length);
            if (next == length) {
                return new SegmentScan(events, damage, end, reason(read) + " at offset " + offset);
            }
            damage.add(new Damage(offset, next - offset, reason(read)));
            offset = next;
        }
        return new SegmentScan(events, damage, end, "");
    }

    /** The first offset from {@code from} at which a valid record starts, or {@code length} if none does. */
    private static int nextValidRecord(byte[] segment, int from, int length) {
        for (int offset = from; offset < length; offset++) {
            if (EventRecord.read(segment, offset, length) instanceof EventRecord.Valid) {
                return offset;
            }
        }
        return length;
    }

    private static String reason(EventRecord.Read read) {
        if (read instanceof EventRecord.CutShort cut) {
            return "record cut short: " + cut.reason();
        }
        return ((EventRecord.Invalid) read).reason();
    }
}

package org.albatross.daemon.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a segment file holds: its whole records (length and checksum verified, decoded only when asked for), the
 * damaged byte ranges skipped between them, and where the last whole record ends. Bytes after {@link #end()} hold no
 * whole record: in the segment being written that is a record a crash cut short, never acknowledged. Checking
 * frames without decoding keeps opening a log and resynchronising after damage cheap. Pure: it reads a byte array.
 */
final class SegmentScan {
    /** A whole record at {@code offset}, {@code length} bytes with its header. */
    record Frame(int offset, int length) {
    }

    /** A range of bytes that holds no whole record, and why. */
    record Damage(int offset, int length, String reason) {
    }

    private final byte[] segment;
    private final List<Frame> frames;
    private final List<Damage> damage;
    private final int end;
    private final String tail;

    private SegmentScan(byte[] segment, List<Frame> frames, List<Damage> damage, int end, String tail) {
        this.segment = segment;
        this.frames = List.copyOf(frames);
        this.damage = List.copyOf(damage);
        this.end = end;
        this.tail = tail;
    }

    static SegmentScan of(byte[] segment) {
        return of(segment, segment.length);
    }

    /** Scans the first {@code length} bytes of {@code segment}, which it keeps (unchanged) to decode from. */
    static SegmentScan of(byte[] segment, int length) {
        List<Frame> frames = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        int offset = 0;
        int end = 0;
        while (offset < length) {
            EventRecord.Read read = EventRecord.read(segment, offset, length);
            if (read instanceof EventRecord.Framed framed) {
                frames.add(new Frame(offset, framed.length()));
                offset += framed.length();
                end = offset;
                continue;
            }
            int next = nextFrame(segment, offset + 1, length);
            if (next == length) {
                return new SegmentScan(segment, frames, damage, end, reason(read) + " at offset " + offset);
            }
            damage.add(new Damage(offset, next - offset, reason(read)));
            offset = next;
        }
        return new SegmentScan(segment, frames, damage, end, "");
    }

    /** The whole records, in file order. */
    List<Frame> frames() {
        return frames;
    }

    /** The damaged ranges before {@link #end()}, each skipped up to the next whole record. */
    List<Damage> damage() {
        return damage;
    }

    /** The offset just after the last whole record (0 if there is none). */
    int end() {
        return end;
    }

    /** Why the bytes from {@link #end()} to the end hold no whole record; empty if there are no such bytes. */
    String tail() {
        return tail;
    }

    boolean hasTail() {
        return !tail.isEmpty();
    }

    /** The event {@code frame} holds; empty if its body is not an event entry. */
    Optional<LoggedEvent> event(Frame frame) {
        return EventRecord.decode(segment, frame.offset(), frame.length());
    }

    /** Every decodable event, in file order. */
    List<LoggedEvent> events() {
        return frames.stream().map(this::event).flatMap(Optional::stream).toList();
    }

    /** The first offset from {@code from} at which a whole record starts, or {@code length} if none does. */
    private static int nextFrame(byte[] segment, int from, int length) {
        for (int offset = from; offset < length; offset++) {
            if (EventRecord.read(segment, offset, length) instanceof EventRecord.Framed) {
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

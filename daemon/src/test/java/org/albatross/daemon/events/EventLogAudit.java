package org.albatross.daemon.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an event log's files hold, read without opening the log (nothing is truncated or written): every whole event
 * in log order, every damaged range, and the torn record a crash may have left at the end of the newest segment,
 * which {@link EventLog#open} truncates away. A log is intact when it has no damage; a torn tail is a crash's normal
 * trace, never an acknowledged event.
 *
 * @param events the whole events, oldest first
 * @param damage each damaged range: segment, offset, length and reason
 * @param tornTail why the bytes after the newest segment's last whole record hold none, if there are such bytes
 */
public record EventLogAudit(List<LoggedEvent> events, List<String> damage, Optional<String> tornTail) {
    public EventLogAudit {
        events = List.copyOf(events);
        damage = List.copyOf(damage);
    }

    /** Reads the log kept in {@code directory}; a missing directory is an empty log. */
    public static EventLogAudit of(Path directory) throws IOException {
        List<LoggedEvent> events = new ArrayList<>();
        List<String> damage = new ArrayList<>();
        Optional<String> tornTail = Optional.empty();
        List<Segment> segments = Files.isDirectory(directory) ? EventLog.existingSegments(directory) : List.of();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            SegmentScan scan = SegmentScan.of(Files.readAllBytes(segment.file()));
            events.addAll(scan.events());
            scan.damage().forEach(range -> damage.add(segment.file() + " at offset " + range.offset() + ": "
                    + range.length() + " bytes, " + range.reason()));
            if (scan.hasTail() && i == segments.size() - 1) {
                tornTail = Optional.of(segment.file() + " after offset " + scan.end() + ": " + scan.tail());
            } else if (scan.hasTail()) {
                damage.add(segment.file() + " after offset " + scan.end() + ": " + scan.tail());
            }
        }
        return new EventLogAudit(events, damage, tornTail);
    }

    /** Whether the sequence numbers run on without a gap or a repeat from the oldest kept event. */
    public boolean sequencesContiguous() {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).sequence() != events.get(i - 1).sequence() + 1) {
                return false;
            }
        }
        return true;
    }
}

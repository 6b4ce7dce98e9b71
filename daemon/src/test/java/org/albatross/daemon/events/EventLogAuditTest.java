package org.albatross.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogAuditTest {
    @TempDir
    Path directory;

    @Test
    void anIntactLogHasEveryEventInOrderAndNoDamage() throws IOException {
        segmentWithRefusals(3);

        EventLogAudit audit = EventLogAudit.of(directory);

        assertThat(audit.events()).extracting(LoggedEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(audit.damage()).isEmpty();
        assertThat(audit.tornTail()).isEmpty();
        assertThat(audit.sequencesContiguous()).isTrue();
    }

    @Test
    void aRecordCutShortAtTheEndIsATornTailNotDamageAndIsLeftInPlace() throws IOException {
        Path segment = segmentWithRefusals(3);
        byte[] whole = Files.readAllBytes(segment);
        Files.write(segment, Arrays.copyOf(whole, whole.length - 2));

        EventLogAudit audit = EventLogAudit.of(directory);

        assertThat(audit.events()).extracting(LoggedEvent::sequence).containsExactly(1L, 2L);
        assertThat(audit.damage()).isEmpty();
        assertThat(audit.tornTail()).hasValueSatisfying(tail -> assertThat(tail).contains(segment.toString()));
        assertThat(Files.size(segment)).as("the audit truncates nothing").isEqualTo(whole.length - 2);
    }

    @Test
    void aFlippedBitInTheMiddleIsDamage() throws IOException {
        Path segment = segmentWithRefusals(3);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[EventRecord.HEADER + 5] ^= 0x40;
        Files.write(segment, bytes);

        EventLogAudit audit = EventLogAudit.of(directory);

        assertThat(audit.damage()).singleElement().asString().contains(segment + " at offset 0", "checksum");
        assertThat(audit.events()).extracting(LoggedEvent::sequence).containsExactly(2L, 3L);
    }

    @Test
    void aMissingDirectoryIsAnEmptyLog() throws IOException {
        EventLogAudit audit = EventLogAudit.of(directory.resolve("never-created"));

        assertThat(audit.events()).isEmpty();
        assertThat(audit.damage()).isEmpty();
    }

    private Path segmentWithRefusals(int count) throws IOException {
        try (EventLog log = EventLog.open(directory, EventLogSettings.DEFAULT, new TickingClock())) {
            for (int i = 0; i < count; i++) {
                log.append(EventLogTest.refused(i, "a"));
            }
        }
        return Segment.in(directory, 1).file();
    }
}

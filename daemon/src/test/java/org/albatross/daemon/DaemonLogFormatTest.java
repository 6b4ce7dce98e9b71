package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The daemon's log line, as the Logback pattern it replaces would have written it. */
class DaemonLogFormatTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void aLineIsTimeLevelThreadAbbreviatedLoggerAndMessage() {
        LoggingEvent event = new LoggingEvent("", context.getLogger("org.albatross.daemon.supervisor.Supervisor"),
                Level.INFO, "restored {} policies", null, new Object[] {3});
        event.setTimeStamp(Instant.parse("2026-12-06T16:15:09.007Z").toEpochMilli());
        event.setThreadName("albatross-state");

        String line = new DaemonLogFormat().doLayout(event);

        assertThat(line).endsWith(" INFO  [albatross-state] o.a.d.s.Supervisor: restored 3 policies"
                + System.lineSeparator());
        assertThat(line).startsWith(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                .withZone(ZoneId.systemDefault()).format(Instant.parse("2026-12-06T16:15:09.007Z")) + " ");
    }

    @Test
    void theTimeIsWhatTheLogbackPatternPrintedInEveryPartOfTheYear() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                .withZone(ZoneId.systemDefault());
        for (Instant instant = Instant.parse("2026-01-01T00:00:00.000Z");
                instant.isBefore(Instant.parse("2027-01-01T00:00:00Z")); instant = instant.plusSeconds(86_399 * 7)
                        .plusMillis(7)) {
            StringBuilder line = new StringBuilder();
            DaemonLogFormat.appendTime(line, instant);
            assertThat(line.toString()).isEqualTo(pattern.format(instant));
        }
    }

    @Test
    void aThrowableFollowsItsLine() {
        LoggingEvent event = new LoggingEvent("", context.getLogger("x"), Level.ERROR, "failed",
                new IllegalStateException("broken"), null);

        String text = new DaemonLogFormat().doLayout(event);

        assertThat(text).contains(" ERROR [").contains("] x: failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: broken" + System.lineSeparator() + "\tat ");
    }
}

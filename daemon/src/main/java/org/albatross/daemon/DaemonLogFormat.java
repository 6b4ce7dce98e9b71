package org.albatross.daemon;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * One line per event, {@code 2026-12-06T16:15:09.967Z INFO  [main] o.a.d.s.SavedState: message}, then the stack
 * trace of a throwable: what the pattern {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20}:
 * %msg%n} prints, written out by hand, because Logback's pattern parser and its seventy converters (and
 * {@code java.time.format}) are most of what the daemon's logging would load. The host's zone is the JDK's
 * {@link TimeZone}, not a {@code ZoneId}: the first {@code ZoneId} of a region sets up {@code java.time}'s zone rules
 * providers, whose {@link java.util.ServiceLoader} opens every jar of the class path (30 ms of a cold start).
 */
final class DaemonLogFormat extends LayoutBase<ILoggingEvent> {
    private static final TimeZone ZONE = TimeZone.getDefault();
    private static final int LOGGER_LENGTH = 20;
    private static final int LEVEL_WIDTH = 5;

    private final Abbreviator logger = new TargetLengthBasedClassNameAbbreviator(LOGGER_LENGTH);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        appendTime(line, Instant.ofEpochMilli(event.getTimeStamp()));
        String level = event.getLevel().toString();
        line.append(' ').append(level).append(" ".repeat(Math.max(0, LEVEL_WIDTH - level.length())));
        line.append(" [").append(event.getThreadName()).append("] ").append(logger.abbreviate(event.getLoggerName()))
                .append(": ").append(event.getFormattedMessage()).append(System.lineSeparator());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append(System.lineSeparator());
        }
        return line.toString();
    }

    /** {@code 2026-12-06T16:15:09.967Z}, or {@code +01:00} in place of {@code Z} in the host's zone and season. */
    static void appendTime(StringBuilder line, Instant instant) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(ZONE.getOffset(instant.toEpochMilli()) / 1000);
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        digits(line, time.getYear(), 4).append('-');
        digits(line, time.getMonthValue(), 2).append('-');
        digits(line, time.getDayOfMonth(), 2).append('T');
        digits(line, time.getHour(), 2).append(':');
        digits(line, time.getMinute(), 2).append(':');
        digits(line, time.getSecond(), 2).append('.');
        digits(line, time.getNano() / 1_000_000, 3).append(offset.getId());
    }

    private static StringBuilder digits(StringBuilder line, int value, int width) {
        String text = Integer.toString(value);
        return line.append("0".repeat(Math.max(0, width - text.length()))).append(text);
    }
}

package org.albatross.daemon.events;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The child process of {@link EventLogKillTest}: appends refusals 0, 1, 2, ... to the log in {@code args[0]} and
 * prints {@code acked N} after each append returns, until it is killed.
 */
final class AppendingChild {
    static final String ACKED = "acked ";
    /** Small segments, so that kills also land around rotations. */
    static final EventLogSettings SETTINGS = new EventLogSettings(2048, 10_000);

    private AppendingChild() {
    }

    public static void main(String[] arguments) throws IOException {
        PrintStream out = System.out;
        try (EventLog log = EventLog.open(Path.of(arguments[0]), SETTINGS, Clock.systemUTC())) {
            for (int i = 0; ; i++) {
                log.append(EventLogTest.refused(i, "a"));
                out.println(ACKED + i);
                out.flush();
            }
        }
    }
}

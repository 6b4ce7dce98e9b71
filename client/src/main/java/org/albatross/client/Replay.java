package org.albatross.client;

import java.time.Instant;
import java.util.List;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;

/** Where a followed stream (console, event log) starts and when the client stops reading it. */
final class Replay {
    /** Albatross's default number of entries replayed on subscription. */
    static final int DEFAULT_COUNT = 20;

    static final Arg<Instant> SINCE = Arg.option("--since").label("TIME")
            .describe("Replay what was written since TIME (ISO-8601).").of(Instant.class);
    static final Arg<Integer> COUNT = Arg.option("--count").label("N")
            .describe("Replay the last N entries (default: N of --lines, else " + DEFAULT_COUNT
                    + "); ignored with --since.")
            .of(Integer.class);
    static final Arg<Integer> LINES = Arg.option("--lines").label("N").defaultValue("0")
            .describe("Print the newest N entries and stop (with --since: the first N since TIME; default: "
                    + "follow until interrupted).")
            .of(Integer.class);

    static final List<Arg<?>> OPTIONS = List.of(SINCE, COUNT, LINES);

    final Instant since;
    private final Integer count;
    final int lines;

    Replay(Invocation invocation) {
        since = invocation.get(SINCE);
        count = invocation.get(COUNT);
        lines = invocation.get(LINES);
    }

    /**
     * How many of the newest entries the daemon replays: {@code --count}, else the N of {@code --lines}, so that
     * {@code --lines 3} prints the newest three (not the first three of albatross's default twenty).
     */
    int replayed() {
        return count != null ? count : lines > 0 ? lines : DEFAULT_COUNT;
    }
}

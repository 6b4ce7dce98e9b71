package org.albatross.client;

import java.time.Instant;
import picocli.CommandLine.Option;

/** Where a followed stream (console, event log) starts and when the client stops reading it. */
final class Replay {
    /** Albatross's default number of entries replayed on subscription. */
    static final int DEFAULT_COUNT = 20;

    @Option(names = "--since", paramLabel = "TIME", description = "Replay what was written since TIME (ISO-8601).")
    Instant since;

    @Option(names = "--count", paramLabel = "N",
            description = "Replay the last N entries (default: N of --lines, else " + DEFAULT_COUNT
                    + "); ignored with --since.")
    Integer count;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "0",
            description = "Print the newest N entries and stop (with --since: the first N since TIME; default: "
                    + "follow until interrupted).")
    int lines;

    /**
     * How many of the newest entries the daemon replays: {@code --count}, else the N of {@code --lines}, so that
     * {@code --lines 3} prints the newest three (not the first three of albatross's default twenty).
     */
    int replayed() {
        return count != null ? count : lines > 0 ? lines : DEFAULT_COUNT;
    }
}

package org.albatross.client;

import java.time.Instant;
import picocli.CommandLine.Option;

/** Where a followed stream (console, event log) starts and when the client stops reading it. */
final class Replay {
    /** Albatross's default number of entries replayed on subscription. */
    static final int DEFAULT_COUNT = 20;

    @Option(names = "--since", paramLabel = "TIME", description = "Replay what was written since TIME (ISO-8601).")
    Instant since;

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + DEFAULT_COUNT,
            description = "Replay the last N entries (default ${DEFAULT-VALUE}); ignored with --since.")
    int count;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "0",
            description = "Stop after N entries (default: follow until interrupted).")
    int lines;
}

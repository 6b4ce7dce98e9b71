package org.albatross.protocol;

import java.time.Instant;
import java.util.Objects;

/** Commands for the console service. */
public sealed interface ConsoleCommand extends Command {
    /** Start collecting the console output of the named unikernel (sent by the daemon to the console service). */
    record Add(int ringSize) implements ConsoleCommand {
        public Add {
            Checks.nonNegative(ringSize, "ring size");
        }
    }

    /** Stream console lines written at or after {@code since}. */
    record SubscribeSince(Instant since) implements ConsoleCommand {
        public SubscribeSince {
            Objects.requireNonNull(since, "since");
        }
    }

    /** Stream the last {@code count} console lines, then new ones. */
    record SubscribeCount(int count) implements ConsoleCommand {
        public SubscribeCount {
            Checks.nonNegative(count, "count");
        }
    }

    /** List the consoles whose unikernel is gone but whose output is still kept. */
    record ListInactive() implements ConsoleCommand {
    }
}

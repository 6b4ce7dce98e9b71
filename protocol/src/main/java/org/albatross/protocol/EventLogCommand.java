package org.albatross.protocol;

import java.time.Instant;
import java.util.Objects;

/** Our event log service (tag [2], an extension: albatross 2.7 refuses it). Both forms answer with a stream. */
public sealed interface EventLogCommand extends Command {
    /** Stream the events at or after {@code since}, then new ones. */
    record SubscribeSince(Instant since) implements EventLogCommand {
        public SubscribeSince {
            Objects.requireNonNull(since, "since");
        }
    }

    /** Stream the last {@code count} events, then new ones. */
    record SubscribeCount(int count) implements EventLogCommand {
        public SubscribeCount {
            Checks.nonNegative(count, "count");
        }
    }
}

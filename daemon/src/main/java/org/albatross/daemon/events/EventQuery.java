package org.albatross.daemon.events;

import java.time.Instant;
import java.util.Objects;

/** Which past events a query or a subscription's history asks for. */
public sealed interface EventQuery {
    /** Every kept event with a timestamp at or after {@code since}. */
    record Since(Instant since) implements EventQuery {
        public Since {
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * The last {@code count} kept events the tenant may see; zero or a negative count gives none, and a huge one
     * gives what there is, allocating for no more.
     */
    record Last(int count) implements EventQuery {
    }
}

package org.albatross.console;

import java.time.Instant;
import java.util.Objects;

/** Which kept lines a new subscriber gets before the new ones: albatross's {@code count N} or {@code since T}. */
public sealed interface ConsoleHistory {
    /** The last {@code min(count, ring capacity)} lines; zero or a negative count gives none. */
    record Last(long count) implements ConsoleHistory {
    }

    /** Every kept line with a timestamp at or after {@code since}. */
    record Since(Instant since) implements ConsoleHistory {
        public Since {
            Objects.requireNonNull(since, "since");
        }
    }
}

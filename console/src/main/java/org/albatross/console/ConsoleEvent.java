package org.albatross.console;

import java.util.Objects;

/** What a subscriber receives, in order. */
public sealed interface ConsoleEvent {
    /** A console line. */
    record Line(ConsoleLine line) implements ConsoleEvent {
        public Line {
            Objects.requireNonNull(line, "line");
        }
    }

    /** The subscriber fell behind and {@code lines} lines were overwritten before it read them. */
    record Missed(long lines) implements ConsoleEvent {
    }

    /** The subscription is over; nothing follows. */
    record Ended(Reason reason) implements ConsoleEvent {
        public Ended {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a subscription ended. */
    enum Reason {
        /** A newer subscriber took its place: a unikernel has a limited number of subscribers. */
        KICKED("a newer subscriber took this place (too many subscribers for this unikernel)"),
        /** The unikernel is gone and its console was dropped to make room for another on the same path. */
        EVICTED("the console of this unikernel was dropped to make room for another one"),
        /** The unikernel is gone and the operator pruned its console. */
        PRUNED("the console of this unikernel was pruned by the host's operator"),
        /** The subscriber closed the subscription itself. */
        CLOSED("the subscription was closed");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** A sentence to show the subscriber. */
        public String message() {
            return message;
        }
    }
}

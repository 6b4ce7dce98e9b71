package org.albatross.client.transport;

import java.util.Objects;
import org.albatross.protocol.Success;

/** The daemon's answer to a command: success with its value, or failure with the daemon's reason. */
public sealed interface Answer {
    /** The success value, for callers that cannot go on without it; a failure raises {@link CommandRefused}. */
    Success success();

    record Succeeded(Success success) implements Answer {
        public Succeeded {
            Objects.requireNonNull(success, "success");
        }
    }

    record Failed(String message) implements Answer {
        public Failed {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Success success() {
            throw new CommandRefused(message);
        }
    }
}

package org.albatross.daemon.reply;

import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Name;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Success;

/**
 * What the daemon answers to one command, and what happens on the connection afterwards (albatross's
 * {@code End}, {@code Loop} and streams).
 */
public sealed interface Reply {
    /** The first (often the only) message of the answer. */
    Payload answer();

    /** Answer, then close the connection: every failure, and most commands (albatross's {@code End}). */
    record Final(Payload answer) implements Reply {
        public Final {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** Answer and go on reading commands on the connection (albatross's {@code Loop}: policy add). */
    record KeepOpen(Success answer) implements Reply {
        public KeepOpen {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * Answer, then send the stream's data until it ends or the client goes away. The data's headers carry
     * {@code dataName} when present (console lines and statistics, named relative to the tenant), else the request's
     * name.
     */
    record Streaming(Success answer, OutboundStream stream, Optional<Name> dataName) implements Reply {
        public Streaming {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(dataName, "dataName");
        }

        public Streaming(Success answer, OutboundStream stream) {
            this(answer, stream, Optional.empty());
        }

        /** This reply with its data sent under {@code name}. */
        public Streaming namingDataAs(Name name) {
            return new Streaming(answer, stream, Optional.of(name));
        }
    }

    /**
     * Read the client's stream first; {@code answer} is sent if it is stored, else the failure the stream ends with.
     * The connection closes after.
     */
    record Receiving(Success answer, InboundStream stream) implements Reply {
        public Receiving {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(stream, "stream");
        }
    }

    static Reply failure(String message) {
        return new Final(new Failure(message));
    }

    static Reply done(String message) {
        return new Final(new Success.Message(message));
    }
}

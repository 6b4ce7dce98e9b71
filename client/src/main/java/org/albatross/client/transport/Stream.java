package org.albatross.client.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;

/**
 * The data following a streaming command's first reply (console lines, events, block chunks), read one at a time
 * by the caller. Owns the connection: closing the stream closes it.
 */
public final class Stream implements AutoCloseable {
    private final Session session;
    private final Answer reply;

    Stream(Session session, Answer reply) {
        this.session = session;
        this.reply = reply;
    }

    /** The daemon's first answer: success ("subscribed", a block image header...) or why it refused. */
    public Answer reply() {
        return reply;
    }

    /** {@link #next(Duration)} with the session's timeout. */
    public Optional<Data> next() {
        return next(session.timeout());
    }

    /**
     * Waits at most {@code wait} for the next data.
     *
     * @return the data, or empty once the daemon has ended the stream
     * @throws TransportError when nothing arrives in time, the connection breaks, or the daemon sends a failure
     */
    public Optional<Data> next(Duration wait) {
        return nextNamed(wait).map(Element::data);
    }

    /**
     * {@link #next(Duration)} with the name the data's header carries: the unikernel it is about, which the daemon
     * names relative to the tenant for console lines and statistics (albatross's rule).
     */
    public Optional<Element> nextNamed(Duration wait) {
        return Optional.ofNullable(session.nextData(wait));
    }

    /** One stream element and the name in its header. */
    public record Element(Name name, Data data) {
        public Element {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    @Override
    public void close() {
        session.close();
    }
}

package org.albatross.daemon.dispatch;

import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.Event;
import org.albatross.protocol.Path;

/**
 * Who a command comes from: the path it acts at (the root for a local client, the tenant's path for a remote one) and,
 * for a remote client, its session (leaf serial and address), which its refusals carry into the event log.
 */
public record Caller(Path scope, Optional<Event.Session> session) {
    /** A client of the local socket: the root, trusted by the socket's file mode. */
    public static final Caller LOCAL = new Caller(Path.ROOT, Optional.empty());
    /** A remote client whose chain is not read yet: recorded at the root, without a session. */
    public static final Caller UNIDENTIFIED = new Caller(Path.ROOT, Optional.empty());

    public Caller {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(session, "session");
    }

    /** A remote client, acting at the path its chain gives. */
    public static Caller remote(Event.Session session) {
        return new Caller(session.tenant(), Optional.of(session));
    }

    /** The event recording that this caller's {@code what} was refused because {@code why}. */
    public Event.CommandRefused refused(String what, String why) {
        return new Event.CommandRefused(scope, what, why, session);
    }
}

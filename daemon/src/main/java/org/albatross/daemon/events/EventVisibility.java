package org.albatross.daemon.events;

import java.util.Optional;
import org.albatross.protocol.Event;
import org.albatross.protocol.Path;

/**
 * Which events a tenant sees (docs/event-log.md): the root sees everything; any other tenant sees the events about
 * unikernels, block devices and policies at or under its path, the logins, logouts and refused commands of clients
 * at or under its path, and the daemon's own startup, shutdown and HUP, which explain what happened to its
 * unikernels; the import of an albatross host only the root sees. A unikernel {@code foo:bar} lives at path {@code foo}: tenant {@code foo:bar} does not see it.
 */
public final class EventVisibility {
    private EventVisibility() {
    }

    static boolean visibleTo(Event event, Path tenant) {
        return tenant.isRoot() || subject(event).map(path -> path.startsWith(tenant)).orElse(true);
    }

    /** The path an event is about; empty for the daemon's own events, which concern every tenant. */
    public static Optional<Path> subject(Event event) {
        if (event instanceof Event.Login login) {
            return Optional.of(login.session().tenant());
        }
        if (event instanceof Event.Logout logout) {
            return Optional.of(logout.session().tenant());
        }
        if (event instanceof Event.UnikernelStart start) {
            return Optional.of(start.name().path());
        }
        if (event instanceof Event.UnikernelStop stop) {
            return Optional.of(stop.name().path());
        }
        if (event instanceof Event.UnikernelRestart restart) {
            return Optional.of(restart.name().path());
        }
        if (event instanceof Event.UpdateStarted update) {
            return Optional.of(update.name().path());
        }
        if (event instanceof Event.UpdatePassed update) {
            return Optional.of(update.name().path());
        }
        if (event instanceof Event.RolledBack rollback) {
            return Optional.of(rollback.name().path());
        }
        if (event instanceof Event.PolicyChanged policy) {
            return Optional.of(policy.path());
        }
        if (event instanceof Event.BlockChanged block) {
            return Optional.of(block.name().path());
        }
        if (event instanceof Event.CommandRefused refused) {
            return Optional.of(refused.who());
        }
        if (event instanceof Event.StateImported) {
            // names the host's files: the operator's business
            return Optional.of(Path.ROOT);
        }
        return Optional.empty();
    }
}

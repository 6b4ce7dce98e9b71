package org.albatross.daemon.metrics;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.albatross.protocol.Command;

/**
 * The daemon's own meters: commands by kind and outcome with their latency, policy refusals, connections open per
 * endpoint, TLS handshakes by outcome and reason, event-log appends and state saves with their time, console
 * subscribers, and the unikernels by state. Endpoints call it as things happen. With metrics off they are
 * {@link #NONE}, and no meter (nor Micrometer) is loaded at all.
 */
public interface DaemonMeters {
    /** Meters that go nowhere. */
    DaemonMeters NONE = new DaemonMeters() {
    };

    /** A command was answered after {@code latency}; {@code succeeded} is false for a failure reply. */
    default void commandAnswered(Command command, boolean succeeded, Duration latency) {
    }

    /** A command was refused (policy, name, resources): counted by the command's kind. */
    default void refused(Command command) {
    }

    /** A client connected to {@code endpoint} ("local", "tls"). */
    default void connectionOpened(String endpoint) {
    }

    /** A client of {@code endpoint} went away. */
    default void connectionClosed(String endpoint) {
    }

    /** A TLS handshake ended: {@code reason} is "ok" for a success, else why it failed (e.g. "expired"). */
    default void handshake(boolean succeeded, String reason) {
    }

    /** The TLS endpoint turned a peer away, for {@code reason} (e.g. "handshake-timeout"). */
    default void connectionRefused(String reason) {
    }

    /** An event was appended to the event log, fsync'd, in {@code took}; the timer's count is the appends. */
    default void eventAppended(Duration took) {
    }

    /** The state was saved (encoded, written, fsync'd) in {@code took}. */
    default void stateSaved(Duration took) {
    }

    /** Reports {@code open} as the number of console subscribers. */
    default void consoleSubscribers(IntSupplier open) {
    }

    /** Reports {@code count} as the number of unikernels in {@code state} ("running", "restarting", "stopped"). */
    default void unikernels(String state, IntSupplier count) {
    }
}

package org.albatross.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.albatross.client.transport.Stream;
import org.albatross.client.transport.TransportError;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;

/** Reading a daemon's stream until what a test waits for arrives, with a deadline. */
public final class Streams {
    /** Long enough for a QEMU boot on a loaded machine; a deadline costs nothing until a test fails. */
    static final Duration WITHIN = Duration.ofMinutes(2);

    private Streams() {
    }

    /**
     * Reads until a datum matches {@code wanted}; returns everything read, the match last.
     *
     * @throws AssertionError listing what was read, when the deadline passes or the stream ends first
     */
    public static List<Data> readUntil(Stream stream, String what, Predicate<Data> wanted) {
        Instant deadline = Instant.now().plus(WITHIN);
        List<Data> read = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            Optional<Data> next;
            try {
                next = stream.next(Duration.between(Instant.now(), deadline));
            } catch (RuntimeException e) {
                throw new AssertionError("no " + what + " within " + WITHIN + "; read " + read, e);
            }
            if (next.isEmpty()) {
                throw new AssertionError("the stream ended before " + what + "; read " + read);
            }
            read.add(next.get());
            if (wanted.test(next.get())) {
                return read;
            }
        }
        throw new AssertionError("no " + what + " within " + WITHIN + "; read " + read);
    }

    /**
     * Everything the stream yields within {@code window}: for a test that something does not happen, given a window
     * far longer than the time it would take to happen.
     */
    static List<Data> readFor(Stream stream, Duration window) {
        Instant end = Instant.now().plus(window);
        List<Data> read = new ArrayList<>();
        for (Duration left = window; !left.isNegative() && !left.isZero(); left = Duration.between(Instant.now(), end)) {
            try {
                Optional<Data> next = stream.next(left);
                if (next.isEmpty()) {
                    return read;
                }
                read.add(next.get());
            } catch (TransportError quiet) {
                return read;
            }
        }
        return read;
    }

    /** Matches a console line containing {@code text}. */
    public static Predicate<Data> consoleLine(String text) {
        return data -> data instanceof Data.ConsoleLine line && line.line().contains(text);
    }

    /** Matches an event log entry of exactly {@code expected}. */
    static Predicate<Data> event(Event expected) {
        return data -> data instanceof Data.EventEntry entry && entry.event().equals(expected);
    }

    /** Matches the exit of unikernel {@code name} with {@code code}. */
    static Predicate<Data> exited(String name, int code) {
        return event(new Event.UnikernelStop(Name.parse(name), new Event.ExitStatus.Exited(code)));
    }

    /** Matches the restart (on failure) of unikernel {@code name}. */
    static Predicate<Data> restarted(String name) {
        return event(new Event.UnikernelRestart(Name.parse(name)));
    }
}

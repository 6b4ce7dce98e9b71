package org.albatross.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.albatross.protocol.Name;

/**
 * A subscriber's view of one unikernel's console, obtained from {@link Consoles#subscribe}: first the requested
 * history, then every new line, read at the subscriber's own pace with {@link #poll}.
 *
 * <p>The subscription keeps no queue of its own: it is a cursor into the unikernel's ring, so the writer never waits
 * for it and never copies lines for it. A subscriber that falls more than the configured lag behind (or behind the
 * ring's capacity) skips to the newest lines and is told how many it {@linkplain ConsoleEvent.Missed missed}.
 *
 * <p>{@link #poll} is called by one thread at a time. The {@code onAvailable} callback given at subscription runs
 * on the writer's thread (or the thread changing the registry) when there is something new after a poll found
 * nothing more: it must not block, typically it schedules a drain on the subscriber's event loop. Poll until an
 * empty list comes back, then wait for the callback.
 */
public final class ConsoleSubscription {
    private final UnikernelConsole console;
    private final Runnable onAvailable;
    private final Consumer<ConsoleSubscription> onClose;
    private final int maxLag;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final AtomicReference<ConsoleEvent.Reason> endReason = new AtomicReference<>();

    // Only the polling thread touches these after construction.
    /** The ring {@link #next} counts in: the console's ring, or its predecessor's until that is read to the end. */
    private ConsoleRing reading;
    private long next;
    private long historyEnd;
    private Instant since;
    private boolean endDelivered;

    ConsoleSubscription(UnikernelConsole console, ConsoleHistory history, int maxLag, Runnable onAvailable,
            Consumer<ConsoleSubscription> onClose) {
        this.console = console;
        this.maxLag = maxLag;
        this.onAvailable = onAvailable;
        this.onClose = onClose;
        ConsoleRing ring = console.ring();
        // Without a ring the subscriber waits for the unikernel to start; poll then moves to its ring.
        if (ring != null) {
            this.reading = ring;
            this.historyEnd = ring.written();
            this.since = history instanceof ConsoleHistory.Since s ? s.since() : null;
            long wanted = history instanceof ConsoleHistory.Last last ? Math.max(0, last.count()) : historyEnd;
            long oldest = Math.max(0, historyEnd - ring.capacity());
            this.next = Math.max(oldest, historyEnd - Math.min(wanted, historyEnd));
        }
    }

    /** The unikernel whose console this is. */
    public Name name() {
        return console.name;
    }

    /** Whether the unikernel has not started yet, so no line can come (albatross answers "waiting for VM"). */
    public boolean isWaitingForUnikernel() {
        return console.ring() == null;
    }

    /**
     * Up to {@code maxEvents} events that are ready, oldest first, without waiting: history and new lines, a
     * {@link ConsoleEvent.Missed} where lines were lost, and once a final {@link ConsoleEvent.Ended}.
     */
    public List<ConsoleEvent> poll(int maxEvents) {
        signalled.set(false);
        ConsoleEvent.Reason reason = endReason.get();
        if (reason != null) {
            if (endDelivered) {
                return List.of();
            }
            endDelivered = true;
            return List.of(new ConsoleEvent.Ended(reason));
        }
        List<ConsoleEvent> events = new ArrayList<>();
        while (events.size() < maxEvents) {
            if (reading != null) {
                readRing(maxEvents, events);
                if (next < reading.written()) {
                    // more than maxEvents, or written meanwhile (which signals): the next poll goes on
                    break;
                }
            }
            ConsoleRing current = console.ring();
            if (current == reading) {
                break;
            }
            // The unikernel started, or a new one took the name (its predecessor's ring, read to the end above, is
            // complete): every line of the new ring is new to this subscriber.
            reading = current;
            next = 0;
            historyEnd = 0;
            since = null;
        }
        return events;
    }

    /** Ends the subscription; a later {@link #poll} gives {@link ConsoleEvent.Reason#CLOSED}. Idempotent. */
    public void close() {
        end(ConsoleEvent.Reason.CLOSED);
    }

    UnikernelConsole console() {
        return console;
    }

    void end(ConsoleEvent.Reason reason) {
        if (endReason.compareAndSet(null, reason)) {
            onClose.accept(this);
            signal();
        }
    }

    void signal() {
        if (!signalled.get() && signalled.compareAndSet(false, true)) {
            onAvailable.run();
        }
    }

    private void readRing(int maxEvents, List<ConsoleEvent> events) {
        ConsoleRing ring = reading;
        long end = ring.written();
        skipTo(Math.max(ring.oldestKept(), next >= historyEnd ? end - maxLag : 0), events);
        while (next < end && events.size() < maxEvents) {
            ConsoleLine line = ring.line(next);
            if (line == null) {
                // The writer overwrote it while we were reading.
                skipTo(ring.oldestKept(), events);
                continue;
            }
            if (next >= historyEnd || since == null || !line.timestamp().isBefore(since)) {
                events.add(new ConsoleEvent.Line(line));
            }
            next++;
        }
    }

    private void skipTo(long floor, List<ConsoleEvent> events) {
        if (next < floor) {
            events.add(new ConsoleEvent.Missed(floor - next));
            next = floor;
        }
    }
}

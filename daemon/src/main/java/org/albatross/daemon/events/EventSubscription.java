package org.albatross.daemon.events;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.albatross.protocol.Data;
import org.albatross.protocol.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream of a tenant's events to an {@link EventReceiver}: first the history asked for, read and handed over by a
 * thread of the subscription's own (reading segments is blocking I/O), then every new event, offered to the receiver
 * by the log as it is appended, without a thread in between (a hand-off that put a wake-up of that thread on every
 * event's way, an exit's included). New events that come while the history is delivered wait in a bounded backlog
 * and follow it. A new event the receiver (or the backlog) has no room for is dropped for this subscriber and
 * counted: a slow subscriber never holds up an append or another subscriber.
 */
public final class EventSubscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
    private static final AtomicLong SUBSCRIPTIONS = new AtomicLong();

    private final Path tenant;
    private final EventReceiver receiver;
    private final int backlogCapacity;
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<EventSubscription> onClose;
    private final Thread historyReader;
    /** New events while the history is delivered; null once it is, and new events go to the receiver at once. */
    private Queue<Data.EventEntry> backlog = new ArrayDeque<>();
    private volatile boolean closed;

    EventSubscription(Path tenant, EventReceiver receiver, int backlogCapacity,
            Supplier<List<Data.EventEntry>> history, Consumer<EventSubscription> onClose) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.backlogCapacity = backlogCapacity;
        this.onClose = onClose;
        this.historyReader = new Thread(() -> deliver(history), "event-history-" + SUBSCRIPTIONS.incrementAndGet());
        historyReader.setDaemon(true);
    }

    void start() {
        historyReader.start();
    }

    /** Hands {@code event} over without waiting, if this subscription's tenant may see it. */
    void offer(LoggedEvent event) {
        if (closed || !EventVisibility.visibleTo(event.entry().event(), tenant)) {
            return;
        }
        synchronized (this) {
            if (backlog == null) {
                handOver(event.entry());
            } else if (backlog.size() < backlogCapacity) {
                backlog.add(event.entry());
            } else {
                countDropped();
            }
        }
    }

    /** Offers a new event to the receiver; one it has no room for is dropped. */
    private void handOver(Data.EventEntry entry) {
        boolean taken;
        try {
            taken = receiver.offer(entry);
        } catch (RuntimeException e) {
            // Never the appender's failure: the subscriber's connection is gone (its event loop shut down).
            LOG.warn("event subscriber of \"{}\" failed and is closed", tenant, e);
            close();
            return;
        }
        if (!taken) {
            countDropped();
        }
    }

    private void countDropped() {
        if (dropped.getAndIncrement() == 0) {
            LOG.warn("event subscriber of \"{}\" is too far behind: dropping new events for it", tenant);
        }
    }

    /** How many events this subscriber lost because it fell too far behind. */
    public long dropped() {
        return dropped.get();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops the stream: nothing is handed over after a hand-over under way, if any, is done. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        if (Thread.currentThread() != historyReader) {
            historyReader.interrupt();
        }
    }

    /**
     * The history, waiting for room; then the new events that came meanwhile, as they would have been handed over;
     * then the thread ends and the log hands new events over itself.
     */
    private void deliver(Supplier<List<Data.EventEntry>> history) {
        try {
            for (Data.EventEntry entry : history.get()) {
                if (closed) {
                    return;
                }
                receiver.put(entry);
            }
            synchronized (this) {
                for (Data.EventEntry entry = backlog.poll(); entry != null && !closed; entry = backlog.poll()) {
                    handOver(entry);
                }
                backlog = null;
            }
        } catch (InterruptedException e) {
            // close() asked the reader to stop
        } catch (RuntimeException e) {
            if (closed) {
                // close() interrupted the history read, which a FileChannel reports as ClosedByInterruptException
                return;
            }
            LOG.warn("event subscriber of \"{}\" failed and is closed", tenant, e);
            close();
        }
    }
}

package org.albatross.daemon.events;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.albatross.protocol.Data;
import org.albatross.protocol.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream of a tenant's events to a sink. The log hands each new event over with a non-blocking {@code offer} to a
 * bounded queue, and a thread of the subscription's own calls the sink, so a slow sink never holds up an append or
 * another subscriber; when the queue is full the event is dropped for this subscriber and counted. The sink is
 * called from that one thread, in log order: first the history asked for, then the events appended since.
 */
public final class EventSubscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
    private static final AtomicLong SUBSCRIPTIONS = new AtomicLong();

    private final Path tenant;
    private final Consumer<Data.EventEntry> sink;
    private final BlockingQueue<Data.EventEntry> backlog;
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<EventSubscription> onClose;
    private final Thread deliverer;
    private volatile boolean closed;

    EventSubscription(Path tenant, Consumer<Data.EventEntry> sink, int backlog,
            Supplier<List<Data.EventEntry>> history, Consumer<EventSubscription> onClose) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.backlog = new ArrayBlockingQueue<>(backlog);
        this.onClose = onClose;
        this.deliverer = new Thread(() -> deliver(history), "event-subscriber-" + SUBSCRIPTIONS.incrementAndGet());
        deliverer.setDaemon(true);
    }

    void start() {
        deliverer.start();
    }

    /** Hands {@code entry} over without blocking, if this subscription's tenant may see it. */
    void offer(LoggedEvent event) {
        if (closed || !EventVisibility.visibleTo(event.entry().event(), tenant)) {
            return;
        }
        if (!backlog.offer(event.entry()) && dropped.getAndIncrement() == 0) {
            LOG.warn("event subscriber of \"{}\" is {} events behind: dropping new events for it",
                    tenant, backlog.size());
        }
    }

    /** How many events this subscriber lost because it fell too far behind. */
    public long dropped() {
        return dropped.get();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops the stream: the sink is not called after its current call, if any, returns. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        if (Thread.currentThread() != deliverer) {
            deliverer.interrupt();
        }
    }

    private void deliver(Supplier<List<Data.EventEntry>> history) {
        try {
            for (Data.EventEntry entry : history.get()) {
                if (closed) {
                    return;
                }
                sink.accept(entry);
            }
            while (!closed) {
                Data.EventEntry entry = backlog.take();
                if (!closed) {
                    sink.accept(entry);
                }
            }
        } catch (InterruptedException e) {
            // close() asked the deliverer to stop
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

package org.albatross.daemon.endpoint.tls;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.albatross.daemon.supervisor.EventSink;
import org.albatross.protocol.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the endpoint's events (logins, logouts, refusals) to one thread of their own, in order: recording is
 * durable, an fsync, which must not stall the event loop that serves other connections.
 */
final class EventHandOff implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHandOff.class);
    private static final long CLOSE_PATIENCE_SECONDS = 5;

    private final EventSink sink;
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "tls-endpoint-events");
        thread.setDaemon(true);
        return thread;
    });

    EventHandOff(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void record(Event event) {
        recorder.execute(() -> sink.record(event));
    }

    /** Records what was handed off already, then stops. */
    @Override
    public void close() {
        recorder.shutdown();
        try {
            if (!recorder.awaitTermination(CLOSE_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("the remote endpoint's last events were not recorded within {} s", CLOSE_PATIENCE_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

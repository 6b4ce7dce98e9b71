package org.albatross.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.metrics.DaemonMeters;
import org.albatross.daemon.supervisor.EventSink;
import org.albatross.protocol.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the daemon's events to its event log and meters each append, fsync included (events recorded together are
 * one append), then tells each to the observer (the metrics' count of restarts). A failed append is logged rather
 * than thrown: the change it records has happened already.
 */
final class EventRecorder implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final EventLog log;
    private final DaemonMeters meters;
    private final Consumer<Event> observer;

    EventRecorder(EventLog log, DaemonMeters meters, Consumer<Event> observer) {
        this.log = log;
        this.meters = meters;
        this.observer = observer;
    }

    @Override
    public void record(Event event) {
        recordAll(List.of(event));
    }

    @Override
    public void recordAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            log.appendAll(events);
            meters.eventAppended(Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            LOG.error("could not record {} in the event log: {}", events.size() == 1 ? events.get(0)
                    : events.size() + " events", e.getMessage());
        }
        events.forEach(observer);
    }
}

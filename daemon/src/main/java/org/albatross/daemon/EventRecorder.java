package org.albatross.daemon;

import java.io.IOException;
import java.time.Duration;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.metrics.DaemonMeters;
import org.albatross.daemon.supervisor.EventSink;
import org.albatross.protocol.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the daemon's events to its event log and meters each append, fsync included. A failed append is logged
 * rather than thrown: the change it records has happened already.
 */
final class EventRecorder implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final EventLog log;
    private final DaemonMeters meters;

    EventRecorder(EventLog log, DaemonMeters meters) {
        this.log = log;
        this.meters = meters;
    }

    @Override
    public void record(Event event) {
        long start = System.nanoTime();
        try {
            log.append(event);
            meters.eventAppended(Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            LOG.error("could not record {} in the event log: {}", event, e.getMessage());
        }
    }
}

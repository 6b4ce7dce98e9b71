package org.albatross.daemon.supervisor;

import java.util.ArrayList;
import java.util.List;
import org.albatross.protocol.Event;

/**
 * The supervisor's events, recorded at once or, while {@link #hold held}, kept and recorded together when released:
 * a restore adopts a hundred tenders with one sync of the event log, not one each. Nothing is acknowledged while
 * events are held (the daemon does not serve yet), and a daemon killed meanwhile adopts the same tenders again.
 */
final class HeldEvents implements EventSink {
    private final EventSink sink;
    private List<Event> held;

    HeldEvents(EventSink sink) {
        this.sink = sink;
    }

    /** Keeps the events recorded from now on until {@link #release}. */
    synchronized void hold() {
        held = new ArrayList<>();
    }

    /** Records the events kept since {@link #hold}, together, and records each one at once again from now on. */
    void release() {
        List<Event> kept;
        synchronized (this) {
            kept = held;
            held = null;
        }
        if (kept != null && !kept.isEmpty()) {
            sink.recordAll(kept);
        }
    }

    @Override
    public void record(Event event) {
        recordAll(List.of(event));
    }

    @Override
    public void recordAll(List<Event> events) {
        synchronized (this) {
            if (held != null) {
                held.addAll(events);
                return;
            }
        }
        sink.recordAll(events);
    }
}

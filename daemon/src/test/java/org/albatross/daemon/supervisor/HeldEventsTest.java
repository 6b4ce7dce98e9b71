package org.albatross.daemon.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.albatross.protocol.Event;
import org.junit.jupiter.api.Test;

/** A restore's events: kept while held, recorded together (one call of the sink) when released. */
class HeldEventsTest {
    /** Each call the sink got, with the events it was given. */
    private final List<List<Event>> calls = new ArrayList<>();
    private final HeldEvents events = new HeldEvents(new EventSink() {
        @Override
        public void record(Event event) {
            calls.add(List.of(event));
        }

        @Override
        public void recordAll(List<Event> recorded) {
            calls.add(List.copyOf(recorded));
        }
    });

    @Test
    void eventsRecordedWhileHeldReachTheSinkTogetherInOrderWhenReleased() {
        events.hold();
        events.record(new Event.Startup());
        events.record(new Event.Hup());
        List<List<Event>> whileHeld = List.copyOf(calls);

        events.release();

        assertThat(whileHeld).isEmpty();
        assertThat(calls).containsExactly(List.of(new Event.Startup(), new Event.Hup()));
    }

    @Test
    void afterTheReleaseEachEventIsRecordedAtOnceAndASecondReleaseRecordsNothing() {
        events.hold();
        events.release();
        events.record(new Event.Shutdown());
        events.release();

        assertThat(calls).containsExactly(List.of(new Event.Shutdown()));
    }
}

package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.events.EventLogSettings;
import org.albatross.daemon.events.EventQuery;
import org.albatross.daemon.metrics.MicrometerDaemonMeters;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRecorderTest {
    @TempDir
    Path directory;

    @Test
    void eachAppendIsCountedAndTimed() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EventLog log = EventLog.open(directory, EventLogSettings.DEFAULT, Clock.systemUTC())) {
            EventRecorder recorder = new EventRecorder(log, new MicrometerDaemonMeters(registry), event -> { });

            recorder.record(new Event.Startup());
            recorder.record(new Event.Hup());

            assertThat(registry.get("albatross.events.appends").timer().count()).isEqualTo(2);
            assertThat(registry.get("albatross.events.appends").timer().totalTime(
                    java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        }
    }

    @Test
    void eventsRecordedTogetherAreOneAppendInOrderAndEachIsToldToTheObserver() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Event> told = new ArrayList<>();
        List<Event> events = List.of(new Event.Startup(), new Event.Hup(), new Event.Shutdown());
        try (EventLog log = EventLog.open(directory, EventLogSettings.DEFAULT, Clock.systemUTC())) {
            new EventRecorder(log, new MicrometerDaemonMeters(registry), told::add).recordAll(events);

            assertThat(log.query(org.albatross.protocol.Path.ROOT, new EventQuery.Last(10))).extracting(
                    Data.EventEntry::event).isEqualTo(events);
        }
        assertThat(registry.get("albatross.events.appends").timer().count()).isEqualTo(1);
        assertThat(told).isEqualTo(events);
    }

    @Test
    void aFailedAppendIsNotCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventLog log = EventLog.open(directory, EventLogSettings.DEFAULT, Clock.systemUTC());
        log.close();

        new EventRecorder(log, new MicrometerDaemonMeters(registry), event -> { }).record(new Event.Startup());

        assertThat(registry.find("albatross.events.appends").timer()).isNull();
    }
}

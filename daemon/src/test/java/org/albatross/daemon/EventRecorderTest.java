package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.events.EventLogSettings;
import org.albatross.daemon.metrics.MicrometerDaemonMeters;
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
            EventRecorder recorder = new EventRecorder(log, new MicrometerDaemonMeters(registry));

            recorder.record(new Event.Startup());
            recorder.record(new Event.Hup());

            assertThat(registry.get("albatross.events.appends").timer().count()).isEqualTo(2);
            assertThat(registry.get("albatross.events.appends").timer().totalTime(
                    java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        }
    }

    @Test
    void aFailedAppendIsNotCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventLog log = EventLog.open(directory, EventLogSettings.DEFAULT, Clock.systemUTC());
        log.close();

        new EventRecorder(log, new MicrometerDaemonMeters(registry)).record(new Event.Startup());

        assertThat(registry.find("albatross.events.appends").timer()).isNull();
    }
}

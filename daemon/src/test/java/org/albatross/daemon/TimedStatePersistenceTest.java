package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.albatross.daemon.metrics.MicrometerDaemonMeters;
import org.albatross.daemon.state.DaemonState;
import org.junit.jupiter.api.Test;

class TimedStatePersistenceTest {
    @Test
    void eachSaveIsPassedOnAndTimed() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DaemonState> saved = new ArrayList<>();
        TimedStatePersistence persistence = new TimedStatePersistence(state -> () -> saved.add(state),
                new MicrometerDaemonMeters(registry));

        persistence.save(DaemonState.EMPTY);
        persistence.save(DaemonState.EMPTY);

        assertThat(saved).hasSize(2);
        assertThat(registry.get("albatross.state.saves").timer().count()).isEqualTo(2);
    }
}

package org.albatross.daemon.dispatch;

import java.io.IOException;
import java.nio.file.Path;
import org.albatross.protocol.testing.SeedFiles;
import org.junit.jupiter.api.Test;

/** The committed seeds of {@link DispatcherFuzzTest} are exactly what {@link DispatcherSeeds} writes. */
class DispatcherSeedsTest {

    @Test
    void theCommittedSeedsAreCurrent() throws IOException {
        SeedFiles.assertCurrent(Path.of(DispatcherSeeds.DIRECTORY), DispatcherSeeds.seeds(), "DispatcherSeeds");
    }
}

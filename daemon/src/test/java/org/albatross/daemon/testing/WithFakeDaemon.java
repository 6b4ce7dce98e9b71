package org.albatross.daemon.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh {@link FakeDaemon} in its own temporary directory for each test method. */
public abstract class WithFakeDaemon {
    @TempDir
    protected Path directory;

    protected FakeDaemon daemon;

    @BeforeEach
    void startFakeDaemon() throws Exception {
        daemon = new FakeDaemon(directory);
    }

    @AfterEach
    void stopFakeDaemon() throws IOException {
        daemon.close();
    }
}

package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenderIdentityTest {
    @TempDir
    Path runDirectory;
    @TempDir
    Path elsewhere;

    @Test
    void aProcessIsKnownByItsRunDirectoryOnlyWhenAnArgumentNamesAFileThere() throws IOException {
        // "; :" keeps the shell from exec'ing sleep, so its own arguments stay on its command line.
        Process process = new ProcessBuilder("sh", "-c", "sleep 60; :", runDirectory.resolve("image").toString())
                .start();
        try {
            assertThat(TenderIdentity.startOfRunningFrom(process.pid(), runDirectory))
                    .isEqualTo(process.toHandle().info().startInstant());
            assertThat(TenderIdentity.startOfRunningFrom(process.pid(), elsewhere)).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }
}

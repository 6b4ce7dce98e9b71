package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenderIdentityTest {
    @TempDir
    Path runDirectory;
    @TempDir
    Path elsewhere;

    @Test
    void aProcessIsKnownByItsRunDirectoryWhenAnArgumentNamesAFileThere() throws IOException {
        // "; :" keeps the shell from exec'ing sleep, so its own arguments stay on its command line.
        Process process = new ProcessBuilder("sh", "-c", "sleep 60; :", runDirectory.resolve("vm.xl").toString())
                .start();
        try {
            assertThat(TenderIdentity.startOfTenderIn(process.pid(), runDirectory))
                    .isEqualTo(process.toHandle().info().startInstant());
            assertThat(TenderIdentity.startOfTenderIn(process.pid(), elsewhere)).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aTenderIsKnownByItsMonitorWhoseCommandLineNamesTheRunDirectory() throws IOException {
        // The parent shell stands for the monitor (sh monitor.sh RUN_DIRECTORY ...); its child for the tender,
        // whose own command line names the image elsewhere.
        Process monitor = new ProcessBuilder("sh", "-c", "sleep 60 & wait", "monitor.sh", runDirectory.toString())
                .start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.children().findAny().isPresent());
            ProcessHandle tender = monitor.children().findAny().orElseThrow();

            assertThat(TenderIdentity.startOfTenderIn(tender.pid(), runDirectory))
                    .isEqualTo(tender.info().startInstant());
            assertThat(TenderIdentity.startOfTenderIn(tender.pid(), elsewhere)).isEqualTo(Optional.empty());
        } finally {
            monitor.descendants().forEach(ProcessHandle::destroyForcibly);
            monitor.destroyForcibly();
        }
    }
}

package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenderIdentityTest {
    @TempDir
    Path runDirectory;
    @TempDir
    Path elsewhere;

    @Test
    void aTenderIsKnownByItsRunDirectoryWhenItsOutputIsTheConsoleThere() throws IOException {
        Path console = Files.createFile(runDirectory.resolve("console"));
        Process process = new ProcessBuilder("sleep", "60").redirectOutput(console.toFile()).start();
        try {
            assertThat(TenderIdentity.startOfTenderIn(process.pid(), runDirectory))
                    .isEqualTo(process.toHandle().info().startInstant());
            assertThat(TenderIdentity.startOfTenderIn(process.pid(), elsewhere)).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void anotherProcessIsNot() throws IOException {
        Process process = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(TenderIdentity.startOfTenderIn(process.pid(), runDirectory)).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aStartTimeIsTheJdksToTheMillisecondAndNoneOnceTheProcessIsGone() throws Exception {
        Process process = new ProcessBuilder("sleep", "60").start();
        java.util.Optional<java.time.Instant> jdks = process.toHandle().info().startInstant();
        assertThat(TenderIdentity.startOf(process.pid())).isPresent().isEqualTo(jdks);
        process.destroyForcibly().waitFor();
        assertThat(TenderIdentity.startOf(process.pid())).isEmpty();
    }
}

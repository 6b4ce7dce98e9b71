package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    private static final MonitorRecord RECORD = new MonitorRecord(4242, Instant.parse("2026-11-25T01:02:03.456Z"),
            "QemuAdapter", ExitEncoding.QEMU_DEBUG_EXIT, Octets.ofHex("00112233"),
            List.of(new UnikernelInfo.Network("service", "tap3", MacAddress.parse("00:80:41:aa:bb:cc"))),
            List.of(List.of("bhyvectl", "--destroy", "--vm=a b")));

    @TempDir
    Path root;
    private RunDirectory run;

    @BeforeEach
    void prepare() throws IOException {
        run = RunRoot.open(root).directory("foo_web");
        run.prepare(ProcessLauncher.SYSTEM);
    }

    @Test
    void preparingMakesAnEmptyDirectoryWithAConsoleFifoAndTheSpawnersStaging() throws IOException {
        Files.writeString(run.path().resolve("exit"), "3\n");
        run.prepare(ProcessLauncher.SYSTEM);

        assertThat(run.path().toFile().list()).containsExactlyInAnyOrder("console", "staging");
        assertThat(run.path().resolve("staging").toFile().list()).isEmpty();
        assertThat(Files.isRegularFile(run.console())).as("a FIFO, not a file").isFalse();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(run.console())))
                .isEqualTo("rw-------");
    }

    @Test
    void theRecordRoundTripsThroughItsFile() throws IOException {
        run.record(RECORD);

        assertThat(run.record()).contains(RECORD);
        assertThat(run.path().resolve("monitor.tmp")).doesNotExist();
    }

    @Test
    void aMissingOrDamagedRecordReadsAsNone() throws IOException {
        assertThat(run.record()).isEmpty();
        Files.writeString(run.path().resolve("monitor"), "pid x\n");
        assertThat(run.record()).isEmpty();
    }

    @Test
    void anExitFileCountsOnceItsLineIsWhole() throws IOException {
        assertThat(run.exitStatus()).as("absent").isEmpty();
        Files.writeString(run.path().resolve("exit"), "");
        assertThat(run.exitStatus()).as("created, not yet written").isEmpty();
        Files.writeString(run.path().resolve("exit"), "13");
        assertThat(run.exitStatus()).as("written in part").isEmpty();
        Files.writeString(run.path().resolve("exit"), "137\n");
        assertThat(run.exitStatus()).hasValue(137);
    }

    @Test
    void anExitFileWithSomethingElseIsAnError() throws IOException {
        Files.writeString(run.path().resolve("exit"), "oops\n");
        assertThatThrownBy(run::exitStatus).isInstanceOf(IOException.class).hasMessageContaining("holds no status");
    }

    @Test
    void thePidCountsOnceItsLineIsWhole() throws IOException {
        Files.writeString(run.path().resolve("pid"), "12");
        assertThat(run.tenderPid()).isEmpty();
        Files.writeString(run.path().resolve("pid"), "1234\n");
        assertThat(run.tenderPid()).hasValue(1234);
    }

    @Test
    void theSpawnerIsInstalledOnceForTheWholeRoot() throws IOException {
        Path script = root.resolve("albatross-spawner");
        long written = Files.getLastModifiedTime(script).toMillis();
        Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));

        RunRoot.open(root);

        assertThat(Files.getLastModifiedTime(script).toMillis()).as("unchanged, so not rewritten")
                .isEqualTo(written - 60_000);
    }

    @Test
    void theTenderFileTakesEveryWordLiterally() {
        assertThat(MonitorSpawner.tenderFile(List.of("/usr/bin/solo5-spt", "it's", "$(reboot)", "a\nb"),
                java.util.Map.of("GREETING", "hi 'x'"), java.util.Set.of(2, 0)))
                .isEqualTo("0,2\0GREETING=hi 'x'\0\0/usr/bin/solo5-spt\0it's\0$(reboot)\0a\nb\0");
    }

    @Test
    void aNulInAWordIsRefused() {
        assertThatThrownBy(() -> MonitorSpawner.tenderFile(List.of("solo5-spt", "a\0b"), java.util.Map.of(),
                java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold a NUL");
    }

    @Test
    void removingTakesEverything() throws IOException {
        run.record(RECORD);
        run.remove();
        assertThat(run.path()).doesNotExist();
        run.remove();
    }

    @Test
    void removingTakesEveryFileATenderRunLeavesAndWhatElseIsThere() throws IOException {
        run.prepare(ProcessLauncher.SYSTEM);
        run.record(RECORD);
        for (String file : new String[] {"tender", "pid", "exit", "monitor.tmp", "staging/exit"}) {
            Files.writeString(run.path().resolve(file), "1\n");
        }
        run.remove();
        assertThat(run.path()).as("its own files, by name").doesNotExist();

        run.prepare(ProcessLauncher.SYSTEM);
        Files.createDirectories(run.path().resolve("an/earlier/version's"));
        Files.writeString(run.path().resolve("an/earlier/version's/file"), "kept?");
        Files.writeString(run.path().resolve("staging/pid"), "1\n");
        run.remove();
        assertThat(run.path()).as("what else is there, by a walk").doesNotExist();
    }
}

package org.albatross.daemon.supervisor;

import static org.albatross.daemon.testing.TestKernelConfigs.arguments;
import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.daemon.reply.Reply;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.testing.FakeDaemon;
import org.albatross.daemon.testing.WithFakeDaemon;
import org.albatross.daemon.testing.FakeLauncher.FakeMonitor;
import org.albatross.protocol.Event;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.ExitEncoding;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.MonitorRecord;
import org.albatross.vmm.StopSignal;
import org.junit.jupiter.api.Test;

/** The supervisor's decisions, with monitors the test ends itself. */
class SupervisorTest extends WithFakeDaemon {
    private static final Name WEB = Name.parse("web");


    @Test
    void aCreateIsSavedBeforeItIsAcknowledged() {
        assertThat(daemon.supervisor.create(WEB, testKernel("forever")).join().answer())
                .isEqualTo(new Success.Message("created unikernel"));
        assertThat(daemon.lastSaved().unikernels()).containsOnlyKeys(WEB);
    }

    @Test
    void aUnikernelThatQuitsLeavesTheTableAndTheSavedState() {
        daemon.supervisor.create(WEB, testKernel("exit=3")).join();
        daemon.launcher.monitor("web").exit(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.lastSaved().unikernels().isEmpty());
        assertThat(daemon.events).contains(new Event.UnikernelStop(WEB, new Event.ExitStatus.Exited(3)));
    }

    @Test
    void aRestartingUnikernelStaysInTheSavedStateAndComesBack() {
        daemon.supervisor.create(WEB, restarting()).join();
        FakeMonitor first = daemon.launcher.monitor("web");
        first.exit(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.events.contains(new Event.UnikernelRestart(WEB)));
        assertThat(daemon.launcher.monitor("web")).isNotSameAs(first);
        assertThat(daemon.lastSaved().unikernels()).containsOnlyKeys(WEB);
    }

    @Test
    void exitCodeOneIsNeverRestartedEvenWithRestartOnAnyCode() {
        daemon.supervisor.create(WEB, restarting()).join();
        daemon.launcher.monitor("web").exit(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.lastSaved().unikernels().isEmpty());
        assertThat(daemon.events).doesNotContain(new Event.UnikernelRestart(WEB));
    }

    @Test
    void aSpentBudgetIsRecordedAndTheUnikernelStaysDown() {
        daemon.supervisor.create(WEB, restarting()).join();
        for (int restarts = 0; restarts <= 3; restarts++) {
            FakeMonitor current = daemon.launcher.monitor("web");
            current.exit(7);
            await().atMost(Duration.ofSeconds(5)).until(() -> daemon.launcher.monitor("web") != current
                    || daemon.events.stream().anyMatch(Event.CommandRefused.class::isInstance));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.lastSaved().unikernels().isEmpty());
        assertThat(daemon.events).filteredOn(Event.CommandRefused.class::isInstance).singleElement()
                .satisfies(refused -> assertThat(((Event.CommandRefused) refused).why())
                        .startsWith("restart budget spent: 3 restarts within PT1H"));
        assertThat(daemon.supervisor.stopped()).as("kept stopped for info and the metrics").isEqualTo(1);
        assertThat(daemon.supervisor.waitingToRestart()).isZero();
        assertThat(daemon.lastSaved().stopped()).as("kept stopped across a restart of the daemon")
                .containsOnlyKeys(WEB);

        daemon.supervisor.destroy(WEB).join();
        assertThat(daemon.supervisor.stopped()).isZero();
        assertThat(daemon.lastSaved().stopped()).as("a destroy is saved").isEmpty();
    }

    @Test
    void aSavedStoppedBootLoopIsRestoredStoppedNotStarted() throws Exception {
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(),
                    Map.of(WEB, restarted.stored(restarting()))));

            assertThat(restarted.launcher.monitor("web")).as("nothing started").isNull();
            assertThat(restarted.supervisor.stopped()).isEqualTo(1);
            assertThat(restarted.lastSaved().stopped()).containsOnlyKeys(WEB);
            assertThat(restarted.supervisor.info(WEB).join().answer()).isInstanceOfSatisfying(
                    Success.UnikernelInfos.class, infos -> assertThat(infos.unikernels()).singleElement()
                            .satisfies(named -> assertThat(named.info().running()).isFalse()));
            assertThat(restarted.supervisor.destroy(WEB).join().answer())
                    .isEqualTo(new Success.Message("destroyed: removed stopped unikernel"));
        }
    }

    @Test
    void aUnikernelWaitingForItsBackoffIsCountedAsRestarting() throws Exception {
        try (FakeDaemon slow = new FakeDaemon(directory.resolve("slow"), new DaemonConfig.Restart(Duration.ofHours(1),
                Duration.ofHours(1), 3, Duration.ofHours(1)))) {
            slow.supervisor.create(WEB, restarting()).join();
            slow.launcher.monitor("web").exit(7);
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.supervisor.waitingToRestart() == 1);
            assertThat(slow.supervisor.stopped()).isZero();
        }
    }

    @Test
    void aCreateBeyondThePolicysUnikernelCountIsRefusedAndChangesNothing() {
        Policy small = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());
        daemon.supervisor.addPolicy(org.albatross.protocol.Path.of("small"), small).join();
        assertThat(daemon.supervisor.create(Name.parse("small:first"), testKernel()).join().answer())
                .isInstanceOf(Success.class);
        int savedBefore = daemon.saved.size();
        Reply second = daemon.supervisor.create(Name.parse("small:second"), testKernel()).join();
        assertThat(second.answer()).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.message()).contains("unikernels"));
        assertThat(daemon.saved).hasSize(savedBefore);
    }

    @Test
    void onAFullDiskEveryChangeIsRefusedSayingWhyAndNothingChanges() {
        Name disk = Name.parse("a:disk");
        daemon.supervisor.addBlock(disk, 1).join();
        daemon.supervisor.create(WEB, testKernel("forever")).join();
        DaemonState before = daemon.lastSaved();
        daemon.diskFull = true;

        assertRefusedForTheDisk(daemon.supervisor.addPolicy(org.albatross.protocol.Path.of("a"), FakeDaemon.ROOT));
        assertRefusedForTheDisk(daemon.supervisor.create(Name.parse("other"), testKernel("forever")));
        assertRefusedForTheDisk(daemon.supervisor.addBlock(Name.parse("a:more"), 1));
        assertRefusedForTheDisk(daemon.supervisor.removeBlock(disk));

        assertThat(daemon.launcher.monitor("other")).as("nothing launched").isNull();
        assertThat(directory.resolve("block").resolve("a_more")).as("no file left").doesNotExist();
        assertThat(directory.resolve("block").resolve("a_disk")).as("the file kept").exists();
        assertThat(daemon.supervisor.blockInfo(disk).join().answer()).isInstanceOfSatisfying(
                Success.BlockDevices.class, blocks -> assertThat(blocks.devices()).hasSize(1));
        assertThat(daemon.supervisor.policies(org.albatross.protocol.Path.of("a")).join().answer())
                .isEqualTo(new Success.Policies(java.util.List.of()));
        assertThat(daemon.lastSaved()).isEqualTo(before);

        assertRefusedForTheDisk(daemon.supervisor.destroy(WEB));
        daemon.diskFull = false;
        assertThat(daemon.supervisor.addPolicy(org.albatross.protocol.Path.of("a"), FakeDaemon.ROOT).join()
                .answer()).as("once there is space again").isEqualTo(new Success.Message("added policy"));
    }

    @Test
    void anAdoptedUnikernelShowsItsTendersStartTimeNotTheTakeover() throws Exception {
        Instant tenderStarted = Instant.parse("2026-12-01T03:00:00Z");
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            UnikernelSpec spec = leftRunning(restarted, tenderStarted);

            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(WEB, spec), Map.of()));

            assertThat(restarted.launcher.monitor("web").pid()).as("adopted, not started again").isEqualTo(4242);
            assertThat(restarted.supervisor.info(WEB).join().answer()).isInstanceOfSatisfying(
                    Success.UnikernelInfos.class, infos -> assertThat(infos.unikernels()).singleElement()
                            .satisfies(named -> assertThat(named.info().started()).isEqualTo(tenderStarted)));
            assertThat(restarted.events).filteredOn(Event.UnikernelStart.class::isInstance).singleElement()
                    .satisfies(start -> assertThat(((Event.UnikernelStart) start).adapter())
                            .isEqualTo("QemuAdapter" + Supervisor.ADOPTED));
        }
    }

    @Test
    void anAdoptedUnikernelsImageIsDecidedFromTheStoreWhenItIsRestarted() throws Exception {
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            UnikernelSpec spec = leftRunning(restarted, Instant.now());
            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(WEB, spec), Map.of()));

            assertThat(restarted.supervisor.restart(WEB, Optional.empty()).join().answer())
                    .isEqualTo(new Success.Message("created unikernel"));

            assertThat(restarted.launcher.monitor("web").pid()).as("started again").isNotEqualTo(4242);
        }
    }

    @Test
    void anAdoptionDoesNotReadItsImageSoARestartSaysThatTheStoreLostIt() throws Exception {
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            UnikernelSpec spec = leftRunning(restarted, Instant.now());
            java.nio.file.Files.delete(restarted.images.file(spec.imageDigest()));

            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(WEB, spec), Map.of()));
            FakeMonitor adopted = restarted.launcher.monitor("web");
            Reply restart = restarted.supervisor.restart(WEB, Optional.empty()).join();

            assertThat(adopted.pid()).as("its tender, which runs the image already, adopted").isEqualTo(4242);
            assertThat(restart.answer()).isInstanceOfSatisfying(Failure.class, failure -> assertThat(
                    failure.message()).contains("its image (SHA-256 " + spec.imageDigest().toHex() + ") is missing"));
            assertThat(adopted.exit()).as("refused before it was stopped").isNotDone();
        }
    }

    @Test
    void aNewlyCreatedUnikernelStartsNow() {
        Instant before = Instant.now();

        daemon.supervisor.create(WEB, testKernel("forever")).join();

        assertThat(daemon.supervisor.info(WEB).join().answer()).isInstanceOfSatisfying(Success.UnikernelInfos.class,
                infos -> assertThat(infos.unikernels()).singleElement().satisfies(named -> assertThat(
                        named.info().started()).isBetween(before, Instant.now())));
    }

    @Test
    void aRestoreSavesTheStateOnceHoweverManyUnikernelsItStarts() throws Exception {
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            Map<Name, UnikernelSpec> saved = new java.util.HashMap<>();
            for (int i = 0; i < 5; i++) {
                saved.put(Name.parse("u" + i), restarted.stored(testKernel("forever", "n=" + i)));
            }
            restarted.saved.clear();

            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), saved, Map.of()));

            assertThat(restarted.saved).as("one save, with every unikernel").hasSize(1);
            assertThat(restarted.lastSaved().unikernels()).isEqualTo(saved);
        }
    }

    @Test
    void aCreateWhoseStateDoesNotReachTheDiskIsStoppedAndRefusedOnceItEnded() {
        int savedBefore = daemon.saved.size();
        daemon.diskBreaks = true;

        Reply reply = daemon.supervisor.create(WEB, testKernel("forever")).join();

        assertThat(reply.answer()).isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.message())
                .contains("the state could not be saved, so :web was stopped again", "Input/output error"));
        assertThat(daemon.launcher.monitor("web").exit()).as("its tender, started while the state was written")
                .isCompletedWithValue(new ExitStatus.Stopped(StopSignal.TERM));
        assertThat(daemon.supervisor.info(WEB).join().answer()).isEqualTo(new Success.UnikernelInfos(List.of()));
        assertThat(daemon.events).as("its start and its stop, as they happened").filteredOn(event -> event
                instanceof Event.UnikernelStart || event instanceof Event.UnikernelStop).hasSize(2)
                .last().isEqualTo(new Event.UnikernelStop(WEB, new Event.ExitStatus.Stopped()));
        assertThat(daemon.saved).hasSize(savedBefore);
        daemon.diskBreaks = false;
        assertThat(daemon.supervisor.create(WEB, testKernel("forever")).join().answer()).as("the name is free")
                .isEqualTo(new Success.Message("created unikernel"));
    }

    @Test
    void aCreateThatBreaksInTheLauncherLeavesNoConsoleWriterAndNoSavedUnikernel() {
        daemon.launcher.failNext = new IllegalStateException("the launcher broke");

        assertThatThrownBy(() -> daemon.supervisor.create(WEB, testKernel("forever")).join())
                .hasRootCauseMessage("the launcher broke");

        assertThat(daemon.lastSaved().unikernels()).as("saved without it again").isEmpty();
        assertThat(daemon.supervisor.create(WEB, testKernel("forever")).join().answer())
                .as("the name's console is free for the next create")
                .isEqualTo(new Success.Message("created unikernel"));
    }

    @Test
    void aCompressedImageThatInflatesBeyondTheUnikernelsMemoryIsRefusedInOneLineAndStoresNothing() throws Exception {
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream zlib = new java.util.zip.DeflaterOutputStream(bomb)) {
            zlib.write(new byte[40 * 1024 * 1024]);
        }
        UnikernelConfig config = new UnikernelConfig(UnikernelType.SOLO5, true,
                org.albatross.protocol.Octets.of(bomb.toByteArray()), arguments(new FailBehaviour.Quit()));

        assertThat(daemon.supervisor.create(WEB, config).join().answer()).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.message()).startsWith("the image is larger than").doesNotContain("\n"));
        assertThat(daemon.saved).as("nothing saved").isEmpty();
        assertThat(daemon.images.directory().toFile().list()).as("nothing stored").isEmpty();
    }

    @Test
    void theImageIsStoredOnceAndGoesWhenNoUnikernelRunsIt() {
        daemon.supervisor.create(WEB, testKernel("exit=3")).join();
        daemon.supervisor.create(Name.parse("twin"), testKernel("exit=3")).join();
        UnikernelSpec spec = daemon.lastSaved().unikernels().get(WEB);
        assertThat(daemon.images.file(spec.imageDigest())).as("one file for both").exists();
        assertThat(daemon.images.directory().toFile().list()).hasSize(1);

        daemon.launcher.monitor("web").exit(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> !daemon.lastSaved().unikernels().containsKey(WEB));
        assertThat(daemon.images.file(spec.imageDigest())).as("twin still runs it").exists();

        daemon.launcher.monitor("twin").exit(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.images.directory().toFile().list().length == 0);
    }

    @Test
    void aRestartKeepsTheImageItStartsAgain() {
        daemon.supervisor.create(WEB, testKernel("forever")).join();
        UnikernelSpec spec = daemon.lastSaved().unikernels().get(WEB);

        assertThat(daemon.supervisor.restart(WEB, Optional.of(arguments(new FailBehaviour.Quit(), "lines=4")))
                .join().answer()).isEqualTo(new Success.Message("created unikernel"));

        assertThat(daemon.images.file(spec.imageDigest())).as("not removed while nothing ran it").exists();
        assertThat(daemon.lastSaved().unikernels().get(WEB).arguments().arguments()).contains(java.util.List.of(
                "lines=4"));
    }

    /** The test kernel stored in {@code restarted}'s image store, its tender left running as process 4242. */
    private static UnikernelSpec leftRunning(FakeDaemon restarted, Instant tenderStarted) {
        UnikernelSpec spec = restarted.stored(testKernel("forever"));
        restarted.launcher.leaveRunning(WEB, new MonitorRecord(4242, tenderStarted, "QemuAdapter",
                ExitEncoding.QEMU_DEBUG_EXIT, spec.imageDigest(), List.of(), List.of()));
        return spec;
    }

    private static void assertRefusedForTheDisk(java.util.concurrent.CompletableFuture<Reply> reply) {
        assertThat(reply.join().answer()).isInstanceOfSatisfying(Failure.class, failure -> assertThat(
                failure.message()).contains("the state could not be saved", "No space left on device")
                .doesNotContain("\n"));
    }

    private static UnikernelConfig restarting() {
        UnikernelConfig kernel = testKernel();
        return new UnikernelConfig(kernel.typ(), false, kernel.image(), arguments(new FailBehaviour.Restart(Set.of())));
    }

}

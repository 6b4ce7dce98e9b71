package org.albatross.daemon.supervisor;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.KeptUpdate;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.testing.FakeDaemon;
import org.albatross.daemon.testing.FakeLauncher.FakeMonitor;
import org.albatross.daemon.testing.WithFakeDaemon;
import org.albatross.protocol.Event;
import org.albatross.protocol.Failure;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.vmm.ExitEncoding;
import org.albatross.vmm.MonitorRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The supervisor's updates and rollbacks, with monitors the test ends itself. */
class UpdateTest extends WithFakeDaemon {
    private static final Name WEB = Name.parse("web");
    private static final UnikernelConfig RUNNING = testKernel("forever");
    private static final UnikernelConfig NEW = stamped(RUNNING, "build 2");

    private UnikernelSpec running;

    @BeforeEach
    void createTheRunningOne() {
        running = daemon.stored(RUNNING);
        assertThat(daemon.supervisor.create(WEB, RUNNING).join().answer()).isInstanceOf(Success.class);
    }

    @Test
    void anUpdateIsSavedWithWhatRanBeforeItStopsAnything() {
        FakeMonitor old = daemon.launcher.monitor("web");
        daemon.saved.clear();

        assertThat(daemon.supervisor.update(WEB, NEW, Optional.empty()).join().answer())
                .isEqualTo(new Success.Message("updated unikernel"));

        DaemonState first = daemon.saved.get(0);
        assertThat(first.unikernels().get(WEB).imageDigest()).as("the new image, saved first")
                .isNotEqualTo(running.imageDigest());
        assertThat(first.updates().get(WEB)).isEqualTo(new KeptUpdate(running, Optional.empty()));
        assertThat(first.images()).as("the previous image stays in the store").contains(running.imageDigest());
        assertThat(old.exit()).isCompleted();
        assertThat(daemon.launcher.monitor("web")).isNotSameAs(old);
        assertThat(daemon.images.file(running.imageDigest())).exists();
        assertThat(daemon.events).filteredOn(Event.UpdateStarted.class::isInstance).singleElement()
                .isEqualTo(new Event.UpdateStarted(WEB, running.imageDigest(), digest(), "none"));
    }

    @Test
    void anUpdateOfNoUnikernelIsRefusedAndChangesNothing() {
        int saves = daemon.saved.size();

        assertThat(daemon.supervisor.update(Name.parse("other"), NEW, Optional.empty()).join().answer())
                .isEqualTo(new Failure("update: there is no unikernel :other to update; create it first"));
        assertThat(daemon.saved).hasSize(saves);
    }

    @Test
    void aNewImageThatStopsDuringItsWatchIsRolledBackAndBothAreRecorded() {
        daemon.supervisor.update(WEB, NEW, Optional.of(new HealthWatch(new HealthCheck.StillRunning(), 60))).join();
        FakeMonitor updated = daemon.launcher.monitor("web");

        updated.exit(3);

        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.events.stream()
                .anyMatch(Event.RolledBack.class::isInstance) && info().running());
        assertThat(info().digest()).isEqualTo(running.imageDigest());
        assertThat(daemon.events).filteredOn(Event.RolledBack.class::isInstance).singleElement()
                .satisfies(event -> {
                    Event.RolledBack rolledBack = (Event.RolledBack) event;
                    assertThat(rolledBack.from()).isEqualTo(digest());
                    assertThat(rolledBack.to()).isEqualTo(running.imageDigest());
                    assertThat(rolledBack.why()).isEqualTo("it stopped during the watch (exit): it exited 3");
                });
        assertThat(daemon.lastSaved().unikernels().get(WEB)).isEqualTo(running);
        assertThat(daemon.lastSaved().updates().get(WEB).previous().imageDigest()).as("the failed one is kept")
                .isEqualTo(digest());
    }

    @Test
    void aWatchThatPassesIsRecordedAndKeepsThePreviousImageForARollbackByHand() {
        daemon.supervisor.update(WEB, NEW, Optional.of(new HealthWatch(new HealthCheck.StillRunning(), 1))).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.events.stream()
                .anyMatch(Event.UpdatePassed.class::isInstance));
        assertThat(daemon.lastSaved().updates().get(WEB)).isEqualTo(new KeptUpdate(running, Optional.empty()));

        assertThat(daemon.supervisor.rollback(WEB).join().answer()).isEqualTo(new Success.Message(
                "rolled back :web to image " + running.imageDigest().toHex()));
        assertThat(info().digest()).isEqualTo(running.imageDigest());

        assertThat(daemon.supervisor.rollback(WEB).join().answer()).as("a second rollback undoes the first")
                .isInstanceOf(Success.class);
        assertThat(info().digest()).isEqualTo(digest());
    }

    @Test
    void aRollbackWithoutAnUpdateIsRefused() {
        assertThat(daemon.supervisor.rollback(WEB).join().answer()).isEqualTo(
                new Failure("rollback: :web has no previous image: only an update keeps one"));
    }

    @Test
    void aDestroyForgetsThePreviousImage() {
        daemon.supervisor.update(WEB, NEW, Optional.empty()).join();

        daemon.supervisor.destroy(WEB).join();

        assertThat(daemon.lastSaved().updates()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !daemon.images.file(running.imageDigest()).toFile()
                .exists());
    }

    @Test
    void aNewImageThatDoesNotStartIsReplacedByThePreviousAtOnce() {
        daemon.launcher.failNext = new IllegalStateException("the launcher broke");

        assertThat(daemon.supervisor.update(WEB, NEW, Optional.empty()).join().answer()).isEqualTo(new Failure(
                "its launch broke: the launcher broke; :web runs what it ran before"));

        assertThat(info().digest()).isEqualTo(running.imageDigest());
        assertThat(info().running()).isTrue();
        assertThat(daemon.lastSaved().unikernels().get(WEB)).isEqualTo(running);
        assertThat(daemon.lastSaved().updates()).as("no update happened").isEmpty();
    }

    @Test
    void aDaemonKilledBeforeTheUpdateStoppedTheOldTenderRunsTheOldOneOn() throws Exception {
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            UnikernelSpec previous = restarted.stored(RUNNING);
            UnikernelSpec next = restarted.stored(NEW);
            restarted.launcher.leaveRunning(WEB, new MonitorRecord(4242, Instant.parse("2026-12-01T03:00:00Z"),
                    "QemuAdapter", ExitEncoding.QEMU_DEBUG_EXIT, previous.imageDigest(), List.of(), List.of()));

            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(WEB, next), Map.of(),
                    Map.of(WEB, new KeptUpdate(previous, Optional.of(new KeptUpdate.Watch(
                            new HealthWatch(new HealthCheck.StillRunning(), 60), Instant.now()))))));

            assertThat(restarted.launcher.monitor("web").pid()).as("the old tender, adopted").isEqualTo(4242);
            assertThat(restarted.lastSaved().unikernels().get(WEB)).isEqualTo(previous);
            assertThat(restarted.lastSaved().updates().get(WEB)).as("a rollback makes the change")
                    .isEqualTo(new KeptUpdate(next, Optional.empty()));
            assertThat(restarted.events).contains(new Event.RolledBack(WEB, next.imageDigest(),
                    previous.imageDigest(), "the daemon was killed before the change replaced the running image,"
                            + " which runs on"));
        }
    }

    @Test
    void aDaemonKilledBetweenAFailedNewImageAndTheStartAgainRunsWhatRanBefore() throws Exception {
        // The state a failed start of the new image saves: the kept update, and no unikernel of that name.
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            UnikernelSpec previous = restarted.stored(RUNNING);

            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(), Map.of(),
                    Map.of(WEB, new KeptUpdate(previous, Optional.empty()))));

            assertThat(restarted.launcher.monitor("web")).as("what ran before, started again").isNotNull();
            assertThat(restarted.launcher.strayRemovalKnew).as("its tender is no stray to end").contains(WEB);
            assertThat(restarted.lastSaved().unikernels().get(WEB)).isEqualTo(previous);
            assertThat(restarted.lastSaved().updates()).as("the update is over, as after a start again").isEmpty();
        }
    }

    @Test
    void aDaemonKilledWhileANewImageThatDidNotStartWasSavedRunsWhatRanBefore() throws Exception {
        // The state saved while the new image replaced the old one and failed: the new spec, the kept update.
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            UnikernelSpec previous = restarted.stored(RUNNING);
            UnikernelSpec next = restarted.stored(NEW);
            java.nio.file.Files.delete(restarted.images.file(next.imageDigest()));

            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(WEB, next), Map.of(),
                    Map.of(WEB, new KeptUpdate(previous, Optional.empty()))));

            assertThat(restarted.launcher.monitor("web")).as("what ran before, started again").isNotNull();
            assertThat(restarted.lastSaved().unikernels().get(WEB)).isEqualTo(previous);
        }
    }

    @Test
    void aWatchSavedByAKilledDaemonResumesAtItsNextStartAndDecides() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (FakeDaemon restarted = new FakeDaemon(directory.resolve("restarted"))) {
            UnikernelSpec previous = restarted.stored(RUNNING);
            UnikernelSpec next = restarted.stored(NEW);
            HealthWatch health = new HealthWatch(new HealthCheck.TcpConnect("127.0.0.1", closed), 30);

            restarted.supervisor.restore(new DaemonState(Map.of(), Map.of(), Map.of(WEB, next), Map.of(),
                    Map.of(WEB, new KeptUpdate(previous, Optional.of(new KeptUpdate.Watch(health,
                            Instant.now().minusSeconds(5)))))));

            assertThat(restarted.lastSaved().updates().get(WEB).watch()).as("resumed, ending after its grace")
                    .hasValueSatisfying(watch -> assertThat(watch.deadline()).isAfter(Instant.now()));
            await().atMost(Duration.ofMinutes(2)).until(() -> previous.equals(restarted.lastSaved().unikernels()
                    .get(WEB)));
            assertThat(restarted.events).filteredOn(Event.RolledBack.class::isInstance).singleElement()
                    .satisfies(event -> assertThat(((Event.RolledBack) event).why())
                            .startsWith("tcp:127.0.0.1:" + closed + " did not answer within 30 s"));
        }
    }

    private UnikernelInfo info() {
        return ((Success.UnikernelInfos) daemon.supervisor.info(WEB).join().answer()).unikernels().get(0).info();
    }

    private Octets digest() {
        return daemon.stored(NEW).imageDigest();
    }

    private static UnikernelConfig stamped(UnikernelConfig config, String stamp) {
        byte[] kernel = config.image().toByteArray();
        byte[] extra = stamp.getBytes(StandardCharsets.US_ASCII);
        byte[] image = java.util.Arrays.copyOf(kernel, kernel.length + extra.length);
        System.arraycopy(extra, 0, image, kernel.length, extra.length);
        return new UnikernelConfig(config.typ(), false, Octets.of(image), config.runArguments());
    }
}

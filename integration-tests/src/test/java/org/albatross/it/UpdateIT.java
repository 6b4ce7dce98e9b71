package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.albatross.client.BuilderWebRepository;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Moving on: {@code albatross-client update} against a real albatrossd running the test kernel under QEMU and a
 * builder-web repository on loopback whose latest build of the job is another image of the test kernel (a build stamp
 * appended: another SHA-256, the same kernel; or a build that no longer knows {@code forever} and so ends with its
 * {@code exit=3}). The daemon keeps the replaced image, watches the new one and rolls back by itself when it fails
 * (both in the event log); an image that is not what the repository states changes nothing; a daemon killed with
 * SIGKILL right after the update was acknowledged, during the watch or during the rollback leaves after its restart
 * the old or the new image running, never neither.
 */
class UpdateIT {
    private static final String OLD_UUID = "1b0a4b8e-0000-4000-8000-00000000000a";
    private static final String NEW_UUID = "1b0a4b8e-0000-4000-8000-00000000000b";
    private static final byte[] RUNNING = TestUnikernel.IMAGE.toByteArray();
    private static final byte[] LATEST = stamped(RUNNING, "build 2");
    /** A build that ends: its {@code forever} is spelled otherwise, so {@code exit=3} ends it after its line. */
    private static final byte[] ENDING = withoutForever(RUNNING);
    private static final Duration BOOT = Duration.ofMinutes(3);

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    private BuilderWebRepository repository;

    /** Runs the old build as hello ({@code forever}, so it runs on) and offers {@code latest} as the job's latest. */
    private void deploy(byte[] latest) throws Exception {
        repository = BuilderWebRepository.start().build("hello", OLD_UUID, RUNNING).build("hello", NEW_UUID, latest);
        albatrossd.request(new UnikernelCommand.ForceCreate(TestUnikernel.withArguments("lines=1", "exit=3", "forever")
                .config()), "hello").success();
    }

    @AfterEach
    void stop() {
        repository.close();
        albatrossd.request(new UnikernelCommand.Destroy(), "hello");
    }

    @Test
    void theLatestBuildReplacesTheRunningImageAndThePreviousIsKept() throws Exception {
        deploy(LATEST);
        ClientCli.Run run;
        List<Data> events;
        try (Stream log = albatrossd.events()) {
            run = update();
            events = Streams.readUntil(log, "the new image's start", started(LATEST));
        }

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("updated unikernel");
        assertThat(info().digest()).isEqualTo(digest(LATEST));
        assertThat(info().running()).isTrue();
        assertThat(info().arguments()).hasValueSatisfying(argv -> assertThat(argv).containsSubsequence("lines=1",
                "exit=3", "forever"));
        assertThat(events).anySatisfy(data -> assertThat(event(data)).contains(new Event.UpdateStarted(
                org.albatross.protocol.Name.parse("hello"), digest(RUNNING), digest(LATEST), "none")));
        assertThat(albatrossd.files().dbdir().resolve("images").resolve(digest(RUNNING).toHex()))
                .as("the previous image stays in the store").exists();
    }

    @Test
    void anImageThatIsNotWhatTheRepositoryStatesChangesNothing() throws Exception {
        deploy(LATEST);
        repository.fault(BuilderWebRepository.Fault.WRONG_BYTES);
        UnikernelInfo before = info();

        ClientCli.Run run = update();

        assertThat(run.exit()).isEqualTo(118);
        assertThat(run.err()).contains("nothing was changed");
        assertThat(info().digest()).isEqualTo(digest(RUNNING));
        assertThat(info().started()).as("not restarted").isEqualTo(before.started());
    }

    @Test
    void aNewImageThatEndsFailsItsExitCheckAndTheDaemonRollsBackRecordingBoth() throws Exception {
        deploy(ENDING);
        ClientCli.Run run;
        List<Data> events;
        try (Stream log = albatrossd.events()) {
            run = update("--health", "exit", "--watch", "120");
            events = Streams.readUntil(log, "the previous image started again", startedAfterRollback(RUNNING));
        }

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("updated unikernel, watching it: exit for 120 s");
        assertThat(events.stream().map(UpdateIT::event).flatMap(Optional::stream).map(e -> e.getClass()
                .getSimpleName())).containsSubsequence("UpdateStarted", "UnikernelStart", "UnikernelStop",
                        "RolledBack", "UnikernelStart");
        assertThat(events.stream().map(UpdateIT::event).flatMap(Optional::stream)
                .filter(Event.RolledBack.class::isInstance).map(Event.RolledBack.class::cast).findFirst())
                .hasValueSatisfying(rollback -> {
                    assertThat(rollback.from()).isEqualTo(digest(ENDING));
                    assertThat(rollback.to()).isEqualTo(digest(RUNNING));
                    assertThat(rollback.why()).isEqualTo("it stopped during the watch (exit): it exited 3");
                });
        assertThat(info().running()).isTrue();
        assertThat(info().digest()).isEqualTo(digest(RUNNING));
        assertThat(info().arguments()).hasValueSatisfying(argv -> assertThat(argv).contains("forever"));
    }

    @Test
    void aProbeThatNeverAnswersRollsBackAtTheEndOfTheWatch() throws Exception {
        deploy(LATEST);
        int closed = closedPort();
        List<Data> events;
        try (Stream log = albatrossd.events()) {
            assertThat(update("--health", "tcp:127.0.0.1:" + closed, "--watch", "3").exit()).isZero();
            events = Streams.readUntil(log, "the previous image started again", startedAfterRollback(RUNNING));
        }

        assertThat(events.stream().map(UpdateIT::event).flatMap(Optional::stream)
                .filter(Event.RolledBack.class::isInstance).map(Event.RolledBack.class::cast).findFirst())
                .hasValueSatisfying(rollback -> assertThat(rollback.why())
                        .startsWith("tcp:127.0.0.1:" + closed + " did not answer within 3 s; the last probe:"));
        assertThat(info().digest()).isEqualTo(digest(RUNNING));
    }

    @Test
    void rollbackByHandRunsThePreviousImageAgainAndASecondOneTheNewAgain() throws Exception {
        deploy(LATEST);
        assertThat(update().exit()).isZero();

        ClientCli.Run back = rollback();

        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).contains("rolled back :hello to image " + digest(RUNNING).toHex());
        assertThat(info().digest()).isEqualTo(digest(RUNNING));
        assertThat(info().running()).isTrue();
        assertThat(info().arguments()).hasValueSatisfying(argv -> assertThat(argv).contains("forever"));

        ClientCli.Run forward = rollback();

        assertThat(forward.exit()).as(forward.err()).isZero();
        assertThat(info().digest()).isEqualTo(digest(LATEST));
    }

    @Test
    void aDaemonKilledRightAfterTheUpdateWasAcknowledgedResumesTheWatchAndRollsBack() throws Exception {
        deploy(LATEST);
        int closed = closedPort();
        assertThat(update("--health", "tcp:127.0.0.1:" + closed, "--watch", "30").exit()).isZero();

        albatrossd.crashDaemonAndRestart();

        assertThat(runningImage()).isIn(digest(LATEST), digest(RUNNING));
        await("the resumed watch rolls back").atMost(BOOT).ignoreExceptions()
                .until(() -> info().running() && info().digest().equals(digest(RUNNING)));
    }

    @Test
    void aDaemonKilledDuringTheWatchResumesItAndKeepsTheNewImageOnceItsProbeAnswers() throws Exception {
        deploy(LATEST);
        int port = closedPort();
        try (Stream log = albatrossd.events()) {
            assertThat(update("--health", "tcp:127.0.0.1:" + port, "--watch", "600").exit()).isZero();
            Streams.readUntil(log, "the new image's start", started(LATEST));
        }

        albatrossd.crashDaemonAndRestart();

        assertThat(runningImage()).isIn(digest(LATEST), digest(RUNNING));
        List<Data> events;
        try (Stream log = albatrossd.events();
                ServerSocket health = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            events = Streams.readUntil(log, "the resumed watch's verdict", data -> event(data)
                    .filter(Event.UpdatePassed.class::isInstance).isPresent());
        }
        assertThat(event(events.get(events.size() - 1))).contains(new Event.UpdatePassed(
                org.albatross.protocol.Name.parse("hello"), digest(LATEST), "tcp:127.0.0.1:" + port + " answered"));
        assertThat(info().digest()).isEqualTo(digest(LATEST));
    }

    @Test
    void aDaemonKilledDuringTheRollbackLeavesTheOldOrTheNewImageRunning() throws Exception {
        deploy(ENDING);
        try (Stream log = albatrossd.events()) {
            assertThat(update("--health", "exit", "--watch", "120").exit()).isZero();
            Streams.readUntil(log, "the rollback", data -> event(data).filter(Event.RolledBack.class::isInstance)
                    .isPresent());

            albatrossd.crashDaemonAndRestart();
        }

        assertThat(runningImage()).isIn(digest(ENDING), digest(RUNNING));
    }

    /** The image hello runs once a unikernel of that name runs again after a restart of the daemon. */
    private static Octets runningImage() {
        await("a unikernel runs").atMost(BOOT).ignoreExceptions().until(() -> info().running());
        return info().digest();
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Predicate<Data> started(byte[] image) {
        return data -> event(data).filter(Event.UnikernelStart.class::isInstance).map(Event.UnikernelStart.class::cast)
                .filter(start -> start.imageDigest().equals(digest(image))).isPresent();
    }

    /** The start of {@code image} that follows a rollback in the log. */
    private static Predicate<Data> startedAfterRollback(byte[] image) {
        boolean[] rolledBack = {false};
        return data -> {
            rolledBack[0] |= event(data).filter(Event.RolledBack.class::isInstance).isPresent();
            return rolledBack[0] && started(image).test(data);
        };
    }

    private static Optional<Event> event(Data data) {
        return data instanceof Data.EventEntry entry ? Optional.of(entry.event()) : Optional.empty();
    }

    private ClientCli.Run update(String... more) {
        List<String> args = new ArrayList<>(List.of("update", "hello", "--repository", repository.uri().toString(),
                "--socket", albatrossd.files().socket().toString(), "--http-timeout", "30"));
        args.addAll(List.of(more));
        return ClientCli.inProcess(args.toArray(String[]::new));
    }

    private static ClientCli.Run rollback() {
        return ClientCli.inProcess("rollback", "hello", "--socket", albatrossd.files().socket().toString());
    }

    private static UnikernelInfo info() {
        return ((Success.UnikernelInfos) albatrossd.request(new UnikernelCommand.Info(), "hello").success())
                .unikernels().get(0).info();
    }

    private static Octets digest(byte[] image) {
        return Octets.ofHex(BuilderWebRepository.hex(image));
    }

    private static byte[] stamped(byte[] kernel, String stamp) {
        byte[] extra = stamp.getBytes(StandardCharsets.US_ASCII);
        byte[] image = Arrays.copyOf(kernel, kernel.length + extra.length);
        System.arraycopy(extra, 0, image, kernel.length, extra.length);
        return image;
    }

    /** The test kernel with the word its argument parser knows as {@code forever} spelled {@code forevex}. */
    private static byte[] withoutForever(byte[] kernel) {
        byte[] word = "forever".getBytes(StandardCharsets.US_ASCII);
        byte[] image = kernel.clone();
        for (int at = 0; at + word.length <= image.length; at++) {
            if (Arrays.equals(image, at, at + word.length, word, 0, word.length)) {
                image[at + word.length - 1] = 'x';
                return image;
            }
        }
        throw new IllegalStateException("the test kernel holds no \"forever\"");
    }
}

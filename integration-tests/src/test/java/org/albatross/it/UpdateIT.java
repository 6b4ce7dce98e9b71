package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.albatross.client.BuilderWebRepository;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving on: {@code albatross-client update} against a real albatrossd running the test kernel and a builder-web
 * repository on loopback whose latest build of the job is the test kernel with a build stamp appended (another
 * SHA-256, the same kernel). The update replaces the image; an image that is not what the repository states changes
 * nothing; a new image that fails its health check is replaced by the previous one, both starts in the event log;
 * a daemon killed during the watch leaves the old or the new image running, never neither.
 */
class UpdateIT {
    private static final String OLD_UUID = "1b0a4b8e-0000-4000-8000-00000000000a";
    private static final String NEW_UUID = "1b0a4b8e-0000-4000-8000-00000000000b";
    private static final byte[] RUNNING = TestUnikernel.IMAGE.toByteArray();
    private static final byte[] LATEST = stamped(RUNNING, "build 2");

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    private BuilderWebRepository repository;
    @TempDir
    Path kept;

    @BeforeEach
    void deploy() throws Exception {
        repository = BuilderWebRepository.start().build("hello", OLD_UUID, RUNNING).build("hello", NEW_UUID, LATEST);
        albatrossd.request(new UnikernelCommand.ForceCreate(TestUnikernel.withArguments("lines=1", "forever")
                .config()), "hello").success();
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    @Test
    void theLatestBuildReplacesTheRunningImage() {
        ClientCli.Run run = update();

        assertThat(run.exit()).as(run.err()).isZero();
        UnikernelInfo info = info();
        assertThat(info.digest().toHex()).isEqualTo(BuilderWebRepository.hex(LATEST));
        assertThat(info.running()).isTrue();
        assertThat(info.arguments()).hasValueSatisfying(argv -> assertThat(argv).containsSubsequence("lines=1",
                "forever"));
    }

    @Test
    void anImageThatIsNotWhatTheRepositoryStatesChangesNothing() {
        repository.fault(BuilderWebRepository.Fault.WRONG_BYTES);
        Instant started = info().started();

        ClientCli.Run run = update();

        assertThat(run.exit()).isEqualTo(118);
        assertThat(run.err()).contains("nothing was changed");
        UnikernelInfo info = info();
        assertThat(info.digest()).isEqualTo(TestUnikernel.digest());
        assertThat(info.started()).as("not restarted").isEqualTo(started);
    }

    @Test
    void aNewImageThatFailsItsHealthCheckIsRolledBackAndBothStartsAreLogged() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        List<Data> events;
        ClientCli.Run run;
        try (Stream log = albatrossd.events()) {
            run = update("--health", "tcp:127.0.0.1:" + closed, "--watch", "2");
            events = Streams.readUntil(log, "the previous image started again", data -> started(data)
                    .filter(start -> start.imageDigest().equals(TestUnikernel.digest())).isPresent());
        }

        assertThat(run.exit()).as(run.err()).isEqualTo(117);
        assertThat(run.out()).contains("failed the health check tcp:127.0.0.1:" + closed, "rolling back to build "
                + OLD_UUID);
        assertThat(events.stream().map(UpdateIT::started).flatMap(Optional::stream)
                .map(start -> start.imageDigest().toHex())).as("the new image, then the previous one")
                .containsExactly(BuilderWebRepository.hex(LATEST), BuilderWebRepository.hex(RUNNING));
        UnikernelInfo info = info();
        assertThat(info.running()).isTrue();
        assertThat(info.digest()).isEqualTo(TestUnikernel.digest());
        assertThat(info.arguments()).hasValueSatisfying(argv -> assertThat(argv).containsSubsequence("lines=1",
                "forever"));
    }

    @Test
    void rollbackByHandRunsThePreviousImageAgainAndASecondOneTheNewAgain() {
        assertThat(update().exit()).isZero();

        ClientCli.Run back = rollback();

        assertThat(back.exit()).as(back.err()).isZero();
        UnikernelInfo info = info();
        assertThat(info.digest()).isEqualTo(TestUnikernel.digest());
        assertThat(info.running()).isTrue();
        assertThat(info.arguments()).hasValueSatisfying(argv -> assertThat(argv).containsSubsequence("lines=1",
                "forever"));

        ClientCli.Run forward = rollback();

        assertThat(forward.exit()).as(forward.err()).isZero();
        assertThat(info().digest().toHex()).isEqualTo(BuilderWebRepository.hex(LATEST));
    }

    @Test
    void aDaemonKilledDuringTheWatchLeavesTheOldOrTheNewImageRunning(@TempDir Path work) throws Exception {
        try (ClientCli.Started client = ClientCli.start(work, "update", "hello", "--repository",
                repository.uri().toString(), "--socket", albatrossd.files().socket().toString(), "--http-timeout",
                "30", "--keep-dir", kept.toString(), "--health", "exit", "--watch", "20")) {
            await("the new image runs").atMost(Duration.ofMinutes(3))
                    .until(() -> info().digest().toHex().equals(BuilderWebRepository.hex(LATEST)));

            albatrossd.crashAndRestart();

            assertThat(client.process().waitFor(3, TimeUnit.MINUTES)).as("the client ends").isTrue();
        }
        await("a unikernel runs").atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> info().running());
        assertThat(info().digest().toHex()).isIn(BuilderWebRepository.hex(LATEST), BuilderWebRepository.hex(RUNNING));
    }

    private static Optional<Event.UnikernelStart> started(Data data) {
        return data instanceof Data.EventEntry entry && entry.event() instanceof Event.UnikernelStart start
                ? Optional.of(start) : Optional.empty();
    }

    private ClientCli.Run update(String... more) {
        List<String> args = new ArrayList<>(List.of("update", "hello", "--repository", repository.uri().toString(),
                "--socket", albatrossd.files().socket().toString(), "--http-timeout", "30", "--keep-dir",
                kept.toString()));
        args.addAll(List.of(more));
        return ClientCli.inProcess(args.toArray(String[]::new));
    }

    private ClientCli.Run rollback() {
        return ClientCli.inProcess("rollback", "hello", "--socket", albatrossd.files().socket().toString(),
                "--keep-dir", kept.toString());
    }

    private static UnikernelInfo info() {
        return ((Success.UnikernelInfos) albatrossd.request(new UnikernelCommand.Info(), "hello").success())
                .unikernels().get(0).info();
    }

    private static byte[] stamped(byte[] kernel, String stamp) {
        byte[] extra = stamp.getBytes(StandardCharsets.US_ASCII);
        byte[] image = java.util.Arrays.copyOf(kernel, kernel.length + extra.length);
        System.arraycopy(extra, 0, image, kernel.length, extra.length);
        return image;
    }

}

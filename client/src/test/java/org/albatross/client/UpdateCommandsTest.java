package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.albatross.client.transport.ScriptedDaemon;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * update against a scripted daemon and a builder-web repository on loopback: the flow albatross's update follows,
 * with the image's SHA-256 pinned to what the repository states, and each way a repository can fail.
 */
class UpdateCommandsTest {
    private static final byte[] RUNNING = "the build that runs now".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LATEST = TestKernel.bytes();
    private static final String OLD_UUID = "6d5cf1e2-0000-4000-8000-000000000001";
    private static final String NEW_UUID = "6d5cf1e2-0000-4000-8000-000000000002";

    @TempDir
    Path dir;
    private BuilderWebRepository repository;
    private ScriptedDaemon daemon;
    private final List<Payload> received = new CopyOnWriteArrayList<>();
    /** When the unikernel started, as the daemon's info says after a force-create; it was running before. */
    private volatile Instant startedAfterCreate = Instant.parse("2026-01-02T00:00:00Z");
    /** The image the daemon's get answers with. */
    private volatile byte[] runningImage = RUNNING;

    @BeforeEach
    void start() throws Exception {
        repository = BuilderWebRepository.start().build("hello", OLD_UUID, RUNNING).build("hello", NEW_UUID, LATEST);
        UnikernelInfo info = new UnikernelInfo(UnikernelType.SOLO5, Optional.of(20), new FailBehaviour.Restart(Set.of(1)),
                Set.of(0), 32, Octets.ofHex(BuilderWebRepository.hex(RUNNING)),
                Set.of(new UnikernelInfo.Block("storage", "web:data", 512, 10)), Set.of(),
                Optional.of(List.of("--hello")), Instant.parse("2026-01-01T00:00:00Z"), 1, Optional.empty());
        daemon = ScriptedDaemon.listen(dir.resolve("vmmd.sock"), (context, frame) -> {
            Wire request = ScriptedDaemon.decode(frame);
            received.add(request.payload());
            ScriptedDaemon.send(context, request.reply(answer(request.payload(), info)));
        });
    }

    /** The daemon's answer: info (started anew once a force-create came), the running image, or "created". */
    private Success answer(Payload command, UnikernelInfo running) {
        if (command instanceof UnikernelCommand.Get) {
            return new Success.UnikernelImage(false, Octets.of(runningImage));
        }
        if (!(command instanceof UnikernelCommand.Info)) {
            return new Success.Message("created");
        }
        UnikernelInfo info = received.stream().anyMatch(UnikernelCommand.ForceCreate.class::isInstance)
                ? new UnikernelInfo(running.typ(), running.startup(), running.failBehaviour(), running.cpuIds(),
                        running.memoryMb(), running.digest(), running.blockDevices(), running.bridges(),
                        running.arguments(), startedAfterCreate, running.numCpus(), running.linuxBootPartition())
                : running;
        return new Success.UnikernelInfos(List.of(new Success.NamedUnikernelInfo(Name.parse("web:hello"), info)));
    }

    @AfterEach
    void stop() {
        daemon.close();
        repository.close();
    }

    private ClientRun update(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("update", "web:hello", "--repository",
                repository.uri().toString(), "--socket", dir.resolve("vmmd.sock").toString(), "--keep-dir",
                dir.resolve("kept").toString()));
        args.addAll(List.of(more));
        if (!args.contains("--http-timeout")) {
            args.addAll(List.of("--http-timeout", "5"));
        }
        return ClientRun.of(args.toArray(String[]::new));
    }

    @Test
    void theLatestBuildIsForceCreatedWithTheRunningConfiguration() {
        ClientRun run = update();

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("hello: build " + OLD_UUID + " runs, build " + NEW_UUID
                + " is the latest; compare at " + repository.uri() + "/compare/" + OLD_UUID + "/" + NEW_UUID);
        assertThat(received).extracting(command -> command.getClass().getSimpleName())
                .containsExactly("Info", "Get", "ForceCreate");
        UnikernelConfig config = ((UnikernelCommand.ForceCreate) received.get(2)).config();
        assertThat(config.image().toByteArray()).isEqualTo(LATEST);
        assertThat(config.startup()).contains(20);
        assertThat(config.failBehaviour()).isEqualTo(new FailBehaviour.Restart(Set.of(1)));
        assertThat(config.arguments()).contains(List.of("--hello"));
        assertThat(config.blockDevices()).containsExactly(
                new BlockAttachment("storage", Optional.of("data"), Optional.of(512)));
    }

    @Test
    void aDryRunShowsBothBuildsAndSendsNothing() {
        ClientRun run = update("--dry-run", "--json");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"kind\":\"update-plan\"", "\"running\":\"" + OLD_UUID + "\"",
                "\"latest\":\"" + NEW_UUID + "\"");
        assertThat(received).hasSize(1).allMatch(UnikernelCommand.Info.class::isInstance);
    }

    @Test
    void anImageThatIsNotWhatTheRepositoryStatesChangesNothing() {
        repository.fault(BuilderWebRepository.Fault.WRONG_BYTES);

        ClientRun run = update();

        assertThat(run.exit()).isEqualTo(ExitStatus.HTTP_ERROR.code());
        assertThat(run.err().strip()).startsWith("albatross-client: the image downloaded for build " + NEW_UUID
                + " has SHA-256 ").endsWith("nothing was changed");
        assertThat(received).hasSize(1);
    }

    @Test
    void aBodyCutShortChangesNothing() {
        repository.fault(BuilderWebRepository.Fault.TRUNCATED);

        ClientRun run = update("--http-timeout", "2");

        assertThat(run.exit()).isEqualTo(ExitStatus.HTTP_ERROR.code());
        assertThat(run.err().strip()).startsWith("albatross-client: the main binary of build " + NEW_UUID
                + " did not arrive whole");
        assertThat(received).hasSize(1);
    }

    @Test
    void aRepositoryThatDoesNotAnswerIsGivenUpAfterTheTimeout() {
        repository.fault(BuilderWebRepository.Fault.SILENT);

        ClientRun run = update("--http-timeout", "1");

        assertThat(run.exit()).isEqualTo(ExitStatus.HTTP_ERROR.code());
        assertThat(run.err().strip()).startsWith("albatross-client: the repository did not answer ")
                .endsWith("within 1 s");
        assertThat(received).hasSize(1);
    }

    @Test
    void anImageTheRepositoryDoesNotKnowIsOneLine() throws Exception {
        repository.close();
        repository = BuilderWebRepository.start();

        ClientRun run = update();

        assertThat(run.exit()).isEqualTo(ExitStatus.HTTP_ERROR.code());
        assertThat(run.err().strip()).isEqualTo("albatross-client: couldn't find the unikernel in the repository: no"
                + " build of " + repository.uri() + " has the image " + BuilderWebRepository.hex(RUNNING));
    }

    @Test
    void theLatestBuildRunningIsAlreadyUpToDate() throws Exception {
        repository.build("hello", OLD_UUID, RUNNING);

        ClientRun run = update();

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("already up to date: hello build " + OLD_UUID);
        assertThat(received).hasSize(1);
    }

    @Test
    void locationsAreReadAsAlbatrossReadsThem() {
        assertThat(Build.ofLocation("/job/hello/build/" + NEW_UUID)).isEqualTo(new Build("hello", NEW_UUID));
        assertThat(Build.ofLocation("/job/hello/build/" + NEW_UUID + "/")).isEqualTo(new Build("hello", NEW_UUID));
        assertThat(Build.ofLocation("https://builds.robur.coop/job/hello/build/" + NEW_UUID))
                .isEqualTo(new Build("hello", NEW_UUID));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Build.ofLocation("/job/hello"))
                .hasMessage("expected '/job/<jobname>/build/<uuid>', got: /job/hello");
    }

    @Test
    void aNewImageStillRunningAtTheEndOfTheWatchIsKept() {
        ClientRun run = update("--health", "exit", "--watch", "1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("build " + NEW_UUID + " passed the health check exit");
        assertThat(received).extracting(command -> command.getClass().getSimpleName())
                .containsExactly("Info", "Get", "ForceCreate", "Info", "Info");
    }

    @Test
    void aNewImageThatStoppedIsRolledBackToTheKeptOneWithItsConfiguration() {
        startedAfterCreate = UnikernelInfo.NOT_STARTED;

        ClientRun run = update("--health", "exit", "--watch", "1");

        assertThat(run.exit()).isEqualTo(ExitStatus.REMOTE_COMMAND_FAILED.code());
        assertThat(run.out()).contains("build " + NEW_UUID + " failed the health check exit (it is not running):"
                + " rolling back to build " + OLD_UUID);
        assertThat(received).extracting(command -> command.getClass().getSimpleName())
                .containsExactly("Info", "Get", "ForceCreate", "Info", "Info", "ForceCreate");
        UnikernelConfig update = ((UnikernelCommand.ForceCreate) received.get(2)).config();
        UnikernelConfig rollback = ((UnikernelCommand.ForceCreate) received.get(5)).config();
        assertThat(rollback.image().toByteArray()).isEqualTo(RUNNING);
        assertThat(rollback.arguments()).isEqualTo(update.arguments());
        assertThat(rollback.startup()).isEqualTo(update.startup());
        assertThat(rollback.blockDevices()).isEqualTo(update.blockDevices());
    }

    @Test
    void aNewImageStartedAgainDuringTheWatchIsRolledBack() {
        startedAfterCreate = Instant.parse("2026-01-03T00:00:00Z");
        Instant restarted = Instant.parse("2026-01-03T00:00:05Z");
        new Thread(() -> {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1)).until(() -> received.stream()
                    .filter(UnikernelCommand.Info.class::isInstance).count() >= 2);
            startedAfterCreate = restarted;
        }).start();

        ClientRun run = update("--health", "exit", "--watch", "3");

        assertThat(run.exit()).isEqualTo(ExitStatus.REMOTE_COMMAND_FAILED.code());
        assertThat(run.out()).contains("(it was started again at " + restarted + ")");
        assertThat(received.get(received.size() - 1)).isInstanceOf(UnikernelCommand.ForceCreate.class);
    }

    @Test
    void aProbeThatNeverSucceedsRollsBack() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        ClientRun run = update("--health", "tcp:127.0.0.1:" + closed, "--watch", "1");

        assertThat(run.exit()).isEqualTo(ExitStatus.REMOTE_COMMAND_FAILED.code());
        assertThat(run.out()).contains("failed the health check tcp:127.0.0.1:" + closed + " (no success within 1 s");
        assertThat(((UnikernelCommand.ForceCreate) received.get(received.size() - 1)).config().image().toByteArray())
                .isEqualTo(RUNNING);
    }

    @Test
    void anHttpProbeAnsweredKeepsTheNewImage() {
        ClientRun run = update("--health", repository.uri() + "/job/hello/build/latest", "--watch", "30");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("passed the health check " + repository.uri() + "/job/hello/build/latest");
        assertThat(received).extracting(command -> command.getClass().getSimpleName())
                .containsExactly("Info", "Get", "ForceCreate");
    }

    @Test
    void aHealthCheckWeCannotReadIsAUsageErrorAndSendsNothing() {
        ClientRun run = update("--health", "udp:127.0.0.1:53");

        assertThat(run.exit()).isEqualTo(ExitStatus.CLI_FAILED.code());
        assertThat(run.err().lines().findFirst()).contains("albatross-client: Invalid value for option '--health': "
                + "\"udp:127.0.0.1:53\" is no health check: exit, tcp:HOST:PORT or an http:// or https:// URL; see "
                + "albatross-client update --help");
        assertThat(received).isEmpty();
    }

    @Test
    void healthChecksAreSpelledAsTheOptionSays() {
        assertThat(HealthCheck.parse("exit")).isInstanceOf(HealthCheck.StillRunning.class);
        assertThat(HealthCheck.parse("tcp:[::1]:8080")).isEqualTo(new HealthCheck.TcpConnect("[::1]", 8080));
        assertThat(HealthCheck.parse("https://web.example/health"))
                .isEqualTo(new HealthCheck.HttpGet(java.net.URI.create("https://web.example/health")));
        for (String bad : List.of("tcp:host", "tcp::80", "tcp:host:0", "tcp:host:http", "http://", "ping")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HealthCheck.parse(bad))
                    .as(bad).hasMessageContaining("is no health check");
        }
    }

    @Test
    void theReplacedImageIsKeptBeforeTheUpdateIsSent() throws Exception {
        ClientRun run = update();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("kept").resolve("web:hello.img"))).isEqualTo(RUNNING);
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("kept").resolve("web:hello.img")))
                .as("a tenant's image, for its owner alone").isEqualTo(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("kept")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(dir.resolve("kept"))) {
            assertThat(left).as("no part left").hasSize(1);
        }
    }

    @Test
    void anImageTheDaemonSendsThatIsNotTheOneRunningIsNotKeptAndNothingIsSent() {
        runningImage = "another image".getBytes(StandardCharsets.US_ASCII);

        ClientRun run = update();

        assertThat(run.exit()).isEqualTo(ExitStatus.COMMUNICATION_FAILED.code());
        assertThat(run.err().strip()).isEqualTo("albatross-client: the daemon's image of web:hello has SHA-256 "
                + BuilderWebRepository.hex(runningImage) + ", its info " + BuilderWebRepository.hex(RUNNING)
                + ": nothing was changed");
        assertThat(received).extracting(command -> command.getClass().getSimpleName()).containsExactly("Info", "Get");
        assertThat(dir.resolve("kept")).doesNotExist();
    }

    @Test
    void rollbackRunsTheKeptImageWithTheRunningConfigurationAndKeepsTheOneItReplaces() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("kept"));
        java.nio.file.Files.write(dir.resolve("kept").resolve("web:hello.img"), LATEST);

        ClientRun run = rollback();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(received).extracting(command -> command.getClass().getSimpleName())
                .containsExactly("Info", "Get", "ForceCreate");
        UnikernelConfig config = ((UnikernelCommand.ForceCreate) received.get(2)).config();
        assertThat(config.image().toByteArray()).isEqualTo(LATEST);
        assertThat(config.arguments()).contains(List.of("--hello"));
        assertThat(config.startup()).contains(20);
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("kept").resolve("web:hello.img"))).isEqualTo(RUNNING);
    }

    @Test
    void rollbackWithNothingKeptIsOneLineAndChangesNothing() {
        ClientRun run = rollback();

        assertThat(run.exit()).isEqualTo(ExitStatus.CLI_FAILED.code());
        assertThat(run.err().strip()).isEqualTo("albatross-client: no previous image of web:hello is kept in "
                + dir.resolve("kept") + " (update keeps the image it replaces there)");
        assertThat(received).extracting(command -> command.getClass().getSimpleName()).containsExactly("Info");
    }

    @Test
    void rollbackToTheImageThatRunsIsOneLineAndChangesNothing() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("kept"));
        java.nio.file.Files.write(dir.resolve("kept").resolve("web:hello.img"), RUNNING);

        ClientRun run = rollback();

        assertThat(run.exit()).isEqualTo(ExitStatus.CLI_FAILED.code());
        assertThat(run.err().strip()).isEqualTo("albatross-client: web:hello runs the kept image "
                + BuilderWebRepository.hex(RUNNING) + " already; nothing was changed");
        assertThat(received).extracting(command -> command.getClass().getSimpleName()).containsExactly("Info");
    }

    private ClientRun rollback() {
        return ClientRun.of("rollback", "web:hello", "--socket", dir.resolve("vmmd.sock").toString(), "--keep-dir",
                dir.resolve("kept").toString());
    }
}

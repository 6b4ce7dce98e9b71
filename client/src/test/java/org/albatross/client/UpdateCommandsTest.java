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
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
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
 * update and rollback against a scripted daemon and a builder-web repository on loopback: the flow albatross's update
 * follows, with the image's SHA-256 pinned to what the repository states, each way a repository can fail, and what
 * goes to the daemon: our update (with its watch), or albatross's force-create for robur's daemon.
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
    /** Whether the daemon closes the connection on our update and rollback, as robur's albatrossd does. */
    private volatile boolean likeRobursDaemon;

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
            if (likeRobursDaemon && (request.payload() instanceof UnikernelCommand.Update
                    || request.payload() instanceof UnikernelCommand.Rollback)) {
                context.close();
                return;
            }
            ScriptedDaemon.send(context, request.reply(answer(request.payload(), info)));
        });
    }

    /** The daemon's answer: info, or "updated" to anything else. */
    private static Success answer(Payload command, UnikernelInfo running) {
        if (!(command instanceof UnikernelCommand.Info)) {
            return new Success.Message("updated unikernel");
        }
        return new Success.UnikernelInfos(List.of(new Success.NamedUnikernelInfo(Name.parse("web:hello"), running)));
    }

    @AfterEach
    void stop() {
        daemon.close();
        repository.close();
    }

    private ClientRun update(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("update", "web:hello", "--repository",
                repository.uri().toString(), "--socket", dir.resolve("vmmd.sock").toString()));
        args.addAll(List.of(more));
        if (!args.contains("--http-timeout")) {
            args.addAll(List.of("--http-timeout", "5"));
        }
        return ClientRun.of(args.toArray(String[]::new));
    }

    @Test
    void theLatestBuildIsSentAsOurUpdateWithTheRunningConfiguration() {
        ClientRun run = update();

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("hello: build " + OLD_UUID + " runs, build " + NEW_UUID
                + " is the latest; compare at " + repository.uri() + "/compare/" + OLD_UUID + "/" + NEW_UUID,
                "updated unikernel");
        assertThat(received).extracting(command -> command.getClass().getSimpleName())
                .containsExactly("Info", "Update");
        UnikernelCommand.Update update = (UnikernelCommand.Update) received.get(1);
        assertThat(update.watch()).isEmpty();
        UnikernelConfig config = update.config();
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

        assertThat(run.exit()).isEqualTo(ExitCode.HTTP_ERROR.code());
        assertThat(run.err().strip()).startsWith("albatross-client: the image downloaded for build " + NEW_UUID
                + " has SHA-256 ").endsWith("nothing was changed");
        assertThat(received).hasSize(1);
    }

    @Test
    void aBodyCutShortChangesNothing() {
        repository.fault(BuilderWebRepository.Fault.TRUNCATED);

        ClientRun run = update("--http-timeout", "2");

        assertThat(run.exit()).isEqualTo(ExitCode.HTTP_ERROR.code());
        assertThat(run.err().strip()).startsWith("albatross-client: the main binary of build " + NEW_UUID
                + " did not arrive whole");
        assertThat(received).hasSize(1);
    }

    @Test
    void aRepositoryThatDoesNotAnswerIsGivenUpAfterTheTimeout() {
        repository.fault(BuilderWebRepository.Fault.SILENT);

        ClientRun run = update("--http-timeout", "1");

        assertThat(run.exit()).isEqualTo(ExitCode.HTTP_ERROR.code());
        assertThat(run.err().strip()).startsWith("albatross-client: the repository did not answer ")
                .endsWith("within 1 s");
        assertThat(received).hasSize(1);
    }

    @Test
    void anImageTheRepositoryDoesNotKnowIsOneLine() throws Exception {
        repository.close();
        repository = BuilderWebRepository.start();

        ClientRun run = update();

        assertThat(run.exit()).isEqualTo(ExitCode.HTTP_ERROR.code());
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
    void aHealthCheckWeCannotReadIsAUsageErrorAndSendsNothing() {
        ClientRun run = update("--health", "udp:127.0.0.1:53");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err().lines().findFirst()).contains("albatross-client: Invalid value for option '--health': "
                + "\"udp:127.0.0.1:53\" is no health check: exit, tcp:HOST:PORT or an http:// or https:// URL; see "
                + "albatross-client update --help");
        assertThat(received).isEmpty();
    }

    @Test
    void theHealthCheckAndItsWatchGoToTheDaemonWithTheUpdate() {
        ClientRun run = update("--health", "tcp:10.0.0.2:80", "--watch", "30");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(((UnikernelCommand.Update) received.get(1)).watch())
                .contains(new HealthWatch(new HealthCheck.TcpConnect("10.0.0.2", 80), 30));
    }

    @Test
    void aWatchBeyondTenMinutesIsAUsageErrorAndSendsNothing() {
        ClientRun run = update("--health", "exit", "--watch", "601");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err().strip()).isEqualTo("albatross-client: --watch is 1-600 seconds, not 601");
        assertThat(received).isEmpty();
    }

    @Test
    void forceCreateSendsAlbatrosssOwnCommandForRobursDaemon() {
        likeRobursDaemon = true;

        ClientRun run = update("--force-create");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(received).extracting(command -> command.getClass().getSimpleName())
                .containsExactly("Info", "ForceCreate");
        assertThat(((UnikernelCommand.ForceCreate) received.get(1)).config().image().toByteArray())
                .isEqualTo(LATEST);
    }

    @Test
    void forceCreateWithAHealthCheckIsAUsageErrorAndSendsNothing() {
        ClientRun run = update("--force-create", "--health", "exit");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err().strip()).isEqualTo("albatross-client: --health needs our update command, which"
                + " --force-create does not send: give one of them");
        assertThat(received).isEmpty();
    }

    @Test
    void robursDaemonClosingOnOurUpdateIsOneLineSayingWhatToDo() {
        likeRobursDaemon = true;

        ClientRun run = update();

        assertThat(run.exit()).isEqualTo(ExitCode.COMMUNICATION_FAILED.code());
        assertThat(run.err().strip()).contains("closed the connection without replying").endsWith("(update"
                + " --force-create updates as albatross does, with nothing kept or watched)");
    }

    @Test
    void rollbackAsksTheDaemon() {
        ClientRun run = rollback();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(received).containsExactly(new UnikernelCommand.Rollback());
    }

    private ClientRun rollback() {
        return ClientRun.of("rollback", "web:hello", "--socket", dir.resolve("vmmd.sock").toString());
    }
}

package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.albatross.vmm.ExitStatus.Exited;
import org.albatross.vmm.ExitStatus.Stopped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenderProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<String> console = new CopyOnWriteArrayList<>();
    private final List<List<String>> hostCommands = new CopyOnWriteArrayList<>();
    private final HostCommand recorder = argv -> {
        hostCommands.add(argv);
        return "";
    };
    private MonitorWatch watch;
    @TempDir
    Path runDirectory;

    private RunDirectory run;

    @BeforeEach
    void startWatch() throws IOException {
        OrphanReaper.watch(runDirectory);
        watch = MonitorWatch.start();
        run = RunRoot.open(runDirectory).directory("test");
        run.prepare(ProcessLauncher.SYSTEM);
    }

    @AfterEach
    void stopWatch() {
        watch.close();
    }

    @Test
    void streamsTheConsoleLineByLineAndReportsTheExitCode() throws Exception {
        try (TenderProcess tender = start(shell("echo one; echo two >&2; exit 3"), Duration.ofSeconds(5))) {
            assertThat(tender.exit().get()).isEqualTo(new Exited(3));
            assertThat(console).containsExactly("one", "two");
        }
    }

    @Test
    void passesThePlansEnvironment() throws Exception {
        LaunchPlan plan = plan(List.of("sh", "-c", "echo \"$GREETING\""), Map.of("GREETING", "hello"),
                Optional.empty());
        try (TenderProcess tender = start(plan, Duration.ofSeconds(5))) {
            tender.exit().get();
            assertThat(console).containsExactly("hello");
        }
    }

    @Test
    void stopEndsATenderWithSigterm() throws Exception {
        try (TenderProcess tender = start(shell("echo ready; exec sleep 60"), Duration.ofSeconds(30))) {
            await().atMost(DEADLINE).until(() -> console.contains("ready"));

            assertThat(tender.stop().get()).isEqualTo(new Stopped(StopSignal.TERM));
        }
    }

    @Test
    void stopKeepsWhatTheTenderPrintsWhileItEnds() throws Exception {
        try (TenderProcess tender = start(shell("trap 'echo stopping; exit 0' TERM; echo ready;"
                + " while :; do sleep 0.05; done"), Duration.ofSeconds(30))) {
            await().atMost(DEADLINE).until(() -> console.contains("ready"));

            assertThat(tender.stop().get()).isEqualTo(new Exited(0));
            assertThat(console).containsExactly("ready", "stopping");
        }
    }

    @Test
    void stopKillsATenderThatIgnoresSigtermAndItsChildrenAfterTheGracePeriod() throws Exception {
        TenderProcess tender = start(shell("trap '' TERM; sleep 60 & echo ready; wait"), Duration.ofMillis(200));
        await().atMost(DEADLINE).until(() -> console.contains("ready"));
        List<ProcessHandle> children = ProcessHandle.of(tender.pid()).orElseThrow().descendants().toList();
        assertThat(children).isNotEmpty();

        assertThat(tender.stop().get()).isEqualTo(new Stopped(StopSignal.KILL));
        await().atMost(DEADLINE).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aSignalTheDaemonDidNotSendIsReportedAsItsExitStatus() throws Exception {
        try (TenderProcess tender = start(shell("kill -KILL $$"), Duration.ofSeconds(5))) {
            assertThat(tender.exit().get()).isEqualTo(new Exited(128 + 9));
        }
    }

    @Test
    void everyArgumentReachesTheTenderAsItWasWhateverItHolds() throws Exception {
        LaunchPlan plan = plan(List.of("sh", "-c", "for a; do printf '[%s]\\n' \"$a\"; done", "sh", "it's",
                "$(echo no)", "a b", "`id`"), Map.of(), Optional.empty());
        try (TenderProcess tender = start(plan, Duration.ofSeconds(5))) {
            tender.exit().get();
            assertThat(console).containsExactly("[it's]", "[$(echo no)]", "[a b]", "[`id`]");
        }
    }

    @Test
    void stoppingAnEndedTenderChangesNothing() throws Exception {
        TenderProcess tender = start(shell("exit 0"), Duration.ofSeconds(5));
        tender.exit().get();

        assertThat(tender.stop().get()).isEqualTo(new Exited(0));
    }

    @Test
    void theTenderIsNoChildOfTheDaemonAndItsMonitorRecordsPidAndExit() throws Exception {
        TenderProcess tender = start(shell("echo bye; exit 4"), Duration.ofSeconds(5));
        assertThat(ProcessHandle.current().children()).noneMatch(child -> child.pid() == tender.pid());
        tender.exit().get();

        assertThat(run.tenderPid()).hasValue(tender.pid());
        assertThat(run.exitStatus()).hasValue(4);
        assertThat(hostCommands).as("no process but the monitor's").isEmpty();
    }

    @Test
    void aFailingConsoleConsumerDoesNotStopTheReading() throws Exception {
        TenderProcess tender = TenderProcess.start(shell("echo bad; echo good"), run,
                "test", line -> {
                    if (line.equals("bad")) {
                        throw new IllegalStateException("consumer broke");
                    }
                    console.add(line);
                }, recorder, Duration.ofSeconds(5), watch);

        assertThat(tender.exit().get()).isEqualTo(new Exited(0));
        assertThat(console).containsExactly("good");
    }

    @Test
    void writesTheConfigurationAndRunsPreparationBeforeAndCleanUpAfter() throws Exception {
        Path config = runDirectory.resolve("domain.cfg");
        LaunchPlan plan = new LaunchPlan(List.of("cat", config.toString()), Map.of(), List.of(), List.of(), Set.of(),
                Optional.of(new ConfigurationFile(config, "name = \"web\"")), List.of(List.of("prepare")),
                List.of(List.of("clean", "up")), ExitEncoding.DIRECT);

        try (TenderProcess tender = start(plan, Duration.ofSeconds(5))) {
            tender.exit().get();
            assertThat(console).containsExactly("name = \"web\"");
            assertThat(hostCommands).containsExactly(List.of("prepare"), List.of("clean", "up"));
        }
    }

    @Test
    void theTenderRunsOnTheCpusOfItsPlan() throws Exception {
        LaunchPlan plan = new LaunchPlan(List.of("grep", "Cpus_allowed_list", "/proc/self/status"), Map.of(),
                List.of(), List.of(), Set.of(0), Optional.empty(), List.of(), List.of(), ExitEncoding.DIRECT);
        try (TenderProcess tender = start(plan, Duration.ofSeconds(5))) {
            assertThat(tender.exit().get()).isEqualTo(new Exited(0));
            assertThat(console).containsExactly("Cpus_allowed_list:\t0");
        }
    }

    @Test
    void aTenderThatCannotBePinnedEndsAt127AndSaysWhyOnItsConsole() throws Exception {
        LaunchPlan plan = new LaunchPlan(List.of("true"), Map.of(), List.of(), List.of(), Set.of(1023),
                Optional.empty(), List.of(), List.of(), ExitEncoding.DIRECT);
        try (TenderProcess tender = start(plan, Duration.ofSeconds(5))) {
            assertThat(tender.exit().get()).isEqualTo(new Exited(127));
            assertThat(console).singleElement().asString().contains("cannot pin true to CPUs 1023");
        }
    }

    @Test
    void aTenderThatCannotStartUndoesThePreparation() {
        Path missing = runDirectory.resolve("no-such-tender");
        LaunchPlan plan = new LaunchPlan(List.of(missing.toString()), Map.of(), List.of(), List.of(), Set.of(),
                Optional.empty(), List.of(List.of("prepare")), List.of(List.of("clean", "up")), ExitEncoding.DIRECT);

        assertThatThrownBy(() -> start(plan, Duration.ofSeconds(5))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot start test (" + missing + ")");
        assertThat(hostCommands).containsExactly(List.of("prepare"), List.of("clean", "up"));
        assertThat(Files.exists(missing)).isFalse();
    }

    private TenderProcess start(LaunchPlan plan, Duration grace) throws IOException, HostCommandFailed {
        return TenderProcess.start(plan, run, "test", console::add, recorder, grace, watch);
    }

    private static LaunchPlan shell(String script) {
        return plan(List.of("sh", "-c", script), Map.of(), Optional.empty());
    }

    private static LaunchPlan plan(List<String> command, Map<String, String> environment,
            Optional<ConfigurationFile> configuration) {
        return new LaunchPlan(command, environment, List.of(), List.of(), Set.of(), configuration, List.of(), List.of(),
                ExitEncoding.DIRECT);
    }
}

package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.albatross.protocol.Name;
import org.albatross.vmm.ExitStatus.Exited;
import org.albatross.vmm.ExitStatus.Stopped;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kernel booted by real QEMU (TCG) through the QEMU adapter and the tender process handle. */
class TestKernelOnQemuTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static Path qemu;

    @TempDir
    Path run;
    private final List<String> console = new CopyOnWriteArrayList<>();
    private MonitorWatch watch;

    @BeforeEach
    void startWatch() throws IOException {
        OrphanReaper.watch(run);
        watch = MonitorWatch.start();
    }

    @AfterEach
    void stopWatch() {
        watch.close();
    }

    @BeforeAll
    static void findQemu() {
        Optional<Path> found = TenderLocator.directories(System.getenv().getOrDefault("PATH", "")).stream()
                .map(directory -> directory.resolve("qemu-system-x86_64")).filter(Files::isExecutable).findFirst();
        assumeTrue(found.isPresent(), "skipped: qemu-system-x86_64 is not on PATH; run scripts/setup.sh to install it");
        qemu = found.get();
    }

    @Test
    void printsTheBannerItsCommandLineAndNumberedLinesThenExitsWithTheRequestedCode() throws Exception {
        try (TenderProcess kernel = boot(List.of("lines=3", "exit=7"))) {
            assertThat(kernel.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Exited(7));
        }
        assertThat(console).contains("albatross test kernel", "line 1", "line 2", "line 3", "exit 7")
                .doesNotContain("line 4");
        assertThat(console).anySatisfy(line -> assertThat(line).startsWith("command line: ")
                .endsWith(" lines=3 exit=7"));
    }

    @Test
    void exitCodeZeroComesBackAsZero() throws Exception {
        try (TenderProcess kernel = boot(List.of("exit=0"))) {
            assertThat(kernel.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Exited(0));
        }
    }

    @Test
    void printsHeartbeatsUntilTheBeatLimit() throws Exception {
        try (TenderProcess kernel = boot(List.of("heartbeat=20", "beats=3", "exit=5"))) {
            assertThat(kernel.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Exited(5));
        }
        assertThat(console).containsSubsequence("heartbeat 1", "heartbeat 2", "heartbeat 3", "exit 5")
                .doesNotContain("heartbeat 4");
    }

    @Test
    void runsUntilTheAdapterStopsIt() throws Exception {
        TenderProcess kernel = boot(List.of("forever"));
        await().atMost(DEADLINE).until(() -> console.contains("running until stopped"));

        assertThat(kernel.stop().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Stopped(StopSignal.TERM));
    }

    private TenderProcess boot(List<String> arguments) throws IOException, HostCommandFailed, LaunchRefused {
        Path image = Files.write(run.resolve("test-kernel.elf"), TestKernel.bytes());
        var config = Unikernels.config(Set.of(), Set.of(), Optional.of(arguments), false, Set.of(), 1);
        LaunchPlan plan = new QemuAdapter(qemu, QemuAccelerator.TCG)
                .plan(Name.parse("kernel"), config, new HostResources(image, run, Map.of(), Map.of()));
        return TenderProcess.start(plan, prepared(run), "kernel", console::add, ProcessLauncher.SYSTEM,
                Duration.ofSeconds(10), watch);
    }

    private static RunDirectory prepared(Path root) throws java.io.IOException {
        RunDirectory run = RunRoot.open(root).directory("unikernel");
        run.prepare(ProcessLauncher.SYSTEM);
        return run;
    }
}

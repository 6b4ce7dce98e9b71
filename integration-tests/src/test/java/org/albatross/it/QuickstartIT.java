package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, {@code scripts/run.sh}, in a clean copy of the repository (its files as git lists them,
 * uncommitted changes included): the demo unikernel's banner reaches the console, Ctrl-C (SIGINT to the script's
 * process group, as a terminal sends it) ends everything it started, and a second run in the same directory works.
 *
 * <p>To stay cheap it runs the distribution this build has just made ({@code ALBATROSS_DIST}) instead of building
 * the copy; {@code -Dquickstart.build=true} makes it build the copy as the README's reader does (Maven offline: the
 * dependencies are in ~/.m2 already, about a minute on two cores).
 */
class QuickstartIT {
    private static final boolean BUILD = Boolean.getBoolean("quickstart.build");
    /** A build of every module on a busy 2-core machine can take minutes; QEMU's boot under load, tens of seconds. */
    private static final Duration BANNER_WITHIN = BUILD ? Duration.ofMinutes(10) : Duration.ofMinutes(3);
    private static final Duration STOPPED_WITHIN = Duration.ofMinutes(2);
    private static final String BANNER = "albatross test kernel";

    @TempDir
    Path copy;

    @BeforeEach
    void copyTheRepository() throws Exception {
        // run.sh starts the daemon in a session of its own: killed with this JVM, whatever ends it.
        OrphanReaper.watch(copy);
        Path repository = Path.of(System.getProperty("albatross.repository")).toRealPath();
        assumeTrue(Files.exists(repository.resolve(".git")), () -> repository + " is not a git checkout: "
                + "QuickstartIT copies the files git lists, so it is skipped");
        ShellCommand.Result copied = ShellCommand.in(repository, "sh", "-c",
                "git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t \"$0\"",
                copy.toString()).run(STOPPED_WITHIN);
        assertThat(copied.exit()).as("copying the repository: %s", copied).isZero();
        assertThat(copy.resolve("scripts/run.sh")).isExecutable();
    }

    @AfterEach
    void killWhatIsLeftAndUnlinkTheDistribution() throws IOException {
        processesOfTheCopy().forEach(ProcessHandle::destroyForcibly);
        // demo/ links to the distribution outside the copy; unlinked here, JUnit has no reason to warn about them.
        Path demo = copy.resolve("demo");
        if (Files.isDirectory(demo)) {
            try (Stream<Path> files = Files.walk(demo)) {
                for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(link);
                }
            }
        }
    }

    @Test
    void theDemoBannerReachesTheConsoleAndCtrlCLeavesNoProcess() throws Exception {
        ShellCommand run = runCommand();

        runUntilTheBannerThenInterrupt(run);
        runUntilTheBannerThenInterrupt(run);
    }

    private void runUntilTheBannerThenInterrupt(ShellCommand run) throws Exception {
        ShellCommand.Started demo = run.start();
        demo.awaitOutput(BANNER, BANNER_WITHIN);
        demo.awaitOutput("heartbeat 1", STOPPED_WITHIN);
        assertThat(processesOfTheCopy()).as("the daemon and QEMU, found by the copy's path in their command lines")
                .hasSizeGreaterThanOrEqualTo(2);

        interrupt(demo.process());

        ShellCommand.Result ended = demo.awaitExit(STOPPED_WITHIN);
        assertThat(ended.err()).as("%s", ended).contains("albatross demo: stopped");
        assertThat(processesOfTheCopy()).as("processes left from %s", copy).isEmpty();
    }

    /**
     * scripts/run.sh in a process group of its own (setsid), with SIGINT at its default action: a JVM started in the
     * background (as Maven may be) passes SIGINT on ignored, and bash cannot trap a signal ignored on entry.
     */
    private ShellCommand runCommand() throws IOException {
        ShellCommand run = ShellCommand.in(copy, "setsid", "perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV",
                copy.resolve("scripts/run.sh").toString())
                .with("ALBATROSS_DEMO_PORT", Integer.toString(Loopback.freePort()));
        return BUILD
                ? run
                : run.with("ALBATROSS_DIST", System.getProperty("albatross.distribution.home"));
    }

    /** Ctrl-C: SIGINT to every process of the foreground group, which setsid made the script's. */
    private static void interrupt(Process script) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + script.pid()).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private List<ProcessHandle> processesOfTheCopy() {
        String path = copy.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(path)).orElse(false))
                .toList();
    }
}

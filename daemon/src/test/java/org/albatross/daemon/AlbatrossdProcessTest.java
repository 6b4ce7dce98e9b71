package org.albatross.daemon;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.albatross.daemon.testing.WireClient;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** albatrossd as the integration tests run it: a separate JVM, ready when its socket accepts, SIGTERM ends it with 0. */
@QemuRequired
class AlbatrossdProcessTest {
    // A daemon JVM and a QEMU start in seconds alone, and in tens of seconds on a loaded 2-core machine.
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path directory;

    private Process daemon;
    private List<ProcessHandle> unikernels = List.of();

    @AfterEach
    void cleanUp() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
        unikernels.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void sigtermInStopModeStopsTheUnikernelsAndExitsZero() throws Exception {
        start("stop");
        unikernels = createForeverUnikernel();

        daemon.destroy();
        assertThat(daemon.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isZero();
        await().atMost(DEADLINE).until(() -> unikernels.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(Files.readString(directory.resolve("albatrossd.log"))).contains("albatrossd ready on "
                + directory.resolve("vmmd.sock"));
        assertThat(directory.resolve("db/state")).exists();
    }

    @Test
    void sigtermInLeaveModeLeavesTheUnikernelsRunningAndTheNextDaemonTakesThemOver() throws Exception {
        start("leave");
        unikernels = createForeverUnikernel();

        daemon.destroy();
        assertThat(daemon.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isZero();
        assertThat(unikernels).allMatch(ProcessHandle::isAlive);

        start("leave");
        assertThat(tenders()).as("no second tender is started").isEqualTo(unikernels);
        try (WireClient client = WireClient.connect(directory.resolve("vmmd.sock"))) {
            client.send("forever", new UnikernelCommand.Info());
            assertThat(((Success.UnikernelInfos) client.receive().payload()).unikernels()).hasSize(1);
        }
        try (WireClient client = WireClient.connect(directory.resolve("vmmd.sock"))) {
            client.send("forever", new UnikernelCommand.Destroy());
            assertThat(client.receive().payload()).isEqualTo(new Success.Message("destroyed unikernel"));
        }
        assertThat(unikernels).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aDaemonWithoutATlsEndpointLoadsNoTlsStack() throws Exception {
        Path classes = directory.resolve("classes.log");
        start("stop", "-Xlog:class+load:file=" + classes);
        try (WireClient client = WireClient.connect(directory.resolve("vmmd.sock"))) {
            client.send("forever", new UnikernelCommand.Info());
            assertThat(client.receive().payload()).isInstanceOf(Success.UnikernelInfos.class);
        }

        // The update watch's HTTP client once set up the JDK's TLS stack in every daemon: 800 classes, 7 MiB. The
        // wire codec once read and wrote DER through Bouncy Castle's ASN.1, which is X.509's: some 90 classes.
        assertThat(Files.readAllLines(classes)).as("classes loaded by a daemon that served a command")
                .isNotEmpty()
                .noneMatch(line -> line.contains(" sun.security.ssl.") || line.contains(" java.net.http.")
                        || line.contains(" org.bouncycastle."));
    }

    private void start(String shutdown, String... jvmOptions) throws IOException {
        OrphanReaper.watch(directory);
        Path config = Files.writeString(directory.resolve("albatrossd.toml"), "dbdir = \"" + directory.resolve("db")
                + "\"\ntmpdir = \"" + directory.resolve("tmp") + "\"\nshutdown = \"" + shutdown + "\"\n"
                + "[socket]\npath = \"" + directory.resolve("vmmd.sock") + "\"\n"
                + "[adapters.qemu]\naccelerator = \"tcg\"\n"
                + "[log]\nfile = \"" + directory.resolve("albatrossd.log") + "\"\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Albatrossd.class.getName(), "--config",
                config.toString()));
        daemon = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout").toFile()).start();
        await().atMost(DEADLINE).ignoreExceptions().until(() -> {
            WireClient.connect(directory.resolve("vmmd.sock")).close();
            return true;
        });
    }

    private List<ProcessHandle> createForeverUnikernel() throws Exception {
        try (WireClient client = WireClient.connect(directory.resolve("vmmd.sock"))) {
            client.send("forever", new UnikernelCommand.Create(testKernel("forever")));
            assertThat(client.receive().payload()).isEqualTo(new Success.Message("created unikernel"));
        }
        List<ProcessHandle> running = tenders();
        assertThat(running).isNotEmpty();
        return running;
    }

    /**
     * The tenders run from this test's directory (their image is in its dbdir): detached, they are no descendants of
     * the daemon. Their spawner, which names the run root, is not one.
     */
    private List<ProcessHandle> tenders() {
        String root = directory.toString();
        return ProcessHandle.allProcesses().filter(process -> process.info().arguments()
                .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.startsWith(root)))
                .orElse(false) && process.info().command().map(command -> !command.endsWith("/albatross-spawner"))
                .orElse(true))
                .toList();
    }
}

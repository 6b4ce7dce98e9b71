package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: what a test starts ends with the test's JVM, also when that JVM is SIGKILLed (a timeout killing Maven)
 * and runs no shutdown hook. A JVM that started a daemon and a QEMU under it, as every integration test does, is
 * killed; its {@link OrphanReaper} ends the daemon, the spawner and the QEMU that the daemon detached.
 */
class OrphanReaperIT {
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);
    /** The reaper polls the JVM every second, then sweeps at most five times, a second apart. */
    private static final Duration REAPED_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void aSigkilledTestJvmLeavesNoDaemonMonitorOrVmm() throws Exception {
        ShellCommand.Started testJvm = ShellCommand.in(root, Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AbandonedTest.class.getName(), root.resolve("daemon").toString()).start();
        try {
            testJvm.awaitOutput(AbandonedTest.RUNNING, READY_WITHIN);
            // The daemon is the test JVM's child (its long class path hides its later arguments from ProcessHandle);
            // the spawner and the VMM run detached, found by their command lines.
            List<ProcessHandle> children = testJvm.process().descendants().toList();
            List<ProcessHandle> detached = RunFrom.processes(root).stream()
                    .filter(process -> process.pid() != testJvm.process().pid()).toList();
            assertThat(children).as("the daemon").anyMatch(process -> command(process).endsWith("/java"));
            assertThat(detached).as("the spawner and the VMM the daemon started").anyMatch(RunFrom::isSpawner)
                    .anyMatch(process -> command(process).endsWith("qemu-system-x86_64"));

            testJvm.process().toHandle().destroyForcibly();

            await("nothing the killed JVM started is left").atMost(REAPED_WITHIN)
                    .until(() -> Stream.concat(children.stream(), detached.stream()).noneMatch(ProcessHandle::isAlive)
                            && RunFrom.processes(root).isEmpty());
        } finally {
            testJvm.process().destroyForcibly();
            RunFrom.killAll(root);
        }
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("");
    }

    /** The test JVM that is killed: a daemon over the directory it is given, a unikernel that runs until stopped. */
    static final class AbandonedTest {
        static final String RUNNING = "a daemon and its unikernel run";

        public static void main(String[] args) throws Exception {
            DaemonFiles files = DaemonFiles.createUnder(Path.of(args[0]));
            DaemonProcess.start(files);
            try (Session session = LocalTransport.connect(files.socket())) {
                session.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config()),
                        Name.parse("left")).success();
            }
            System.out.println(RUNNING);
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}

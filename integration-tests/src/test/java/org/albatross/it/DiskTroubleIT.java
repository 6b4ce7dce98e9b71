package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.albatross.daemon.events.EventLogAudit;
import org.albatross.daemon.events.LoggedEvent;
import org.albatross.protocol.Event;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, disk trouble: the daemon's dbdir on a small tmpfs in a private mount namespace ({@link PrivateDbdir}),
 * filled up or made read-only under a running daemon. Every command that must save the state is refused with one
 * line the client prints (exit code 117, the daemon refused), no stack trace; nothing changes; reads are served; the
 * state and the event log stay intact; once the disk is usable again, changes work and survive a restart. Skipped
 * where mounting in a private namespace is not permitted (not root).
 */
class DiskTroubleIT {
    private static final int REFUSED = 117;
    private static final String TMPFS_SIZE = "4m";

    @TempDir
    Path directory;

    @Test
    void aFullDbdirRefusesEveryChangeClearlyKeepsServingAndRecoversWhenSpaceReturns() throws Exception {
        checkTrouble("No space left on device", PrivateDbdir::fill, PrivateDbdir::free);
    }

    @Test
    void aReadOnlyDbdirRefusesEveryChangeClearlyKeepsServingAndRecoversWhenWritable() throws Exception {
        checkTrouble("Read-only file system", PrivateDbdir::makeReadOnly, PrivateDbdir::makeWritable);
    }

    /** Something done to the dbdir. */
    @FunctionalInterface
    private interface DiskChange {
        void apply(PrivateDbdir disk) throws IOException;
    }

    private void checkTrouble(String reason, DiskChange trouble, DiskChange repair) throws Exception {
        DaemonFiles files = DaemonFiles.createUnder(directory);
        Path image = directory.resolve("kernel.img");
        Files.write(image, TestKernel.bytes());
        try (PrivateDbdir disk = mountOrSkip(files)) {
            DaemonProcess daemon = start(files, disk);
            try {
                Client client = new Client(files.socket());
                client.succeeds("add-policy", "a", "--unikernels", "3", "--mem", "128", "--cpus", "0", "--block", "2");
                client.succeeds("create-block", "a:disk", "1");
                client.succeeds("create", image.toString(), "--name", "a:web", "--mem", "16", "--arg", "forever");
                List<String> served = client.reads();
                byte[] state = Files.readAllBytes(disk.path(files.dbdir().resolve("state")));
                int eventsBefore = audit(files, disk).events().size();

                trouble.apply(disk);

                client.refused(reason, "add-policy", "a", "--unikernels", "2", "--mem", "128", "--cpus", "0",
                        "--block", "2");
                client.refused(reason, "add-policy", "b", "--unikernels", "1", "--mem", "64", "--cpus", "0");
                client.refused(reason, "create-block", "a:more", "1");
                client.refused(reason, "destroy-block", "a:disk");
                client.refused(reason, "create", image.toString(), "--name", "a:second", "--mem", "16", "--arg",
                        "forever");
                assertThat(client.reads()).as("info, policy and block, served as before").isEqualTo(served);
                assertThat(Files.readAllBytes(disk.path(files.dbdir().resolve("state")))).as("the state file")
                        .isEqualTo(state);
                EventLogAudit audit = audit(files, disk);
                assertThat(audit.damage()).as("damage in the event log").isEmpty();
                assertThat(audit.tornTail()).as("a record cut short").isEmpty();
                assertThat(audit.events().subList(eventsBefore, audit.events().size())).as("events of changes")
                        .extracting(LoggedEvent::entry).noneMatch(entry -> isChange(entry.event()));

                repair.apply(disk);

                client.succeeds("add-policy", "b", "--unikernels", "1", "--mem", "64", "--cpus", "0");
                client.succeeds("create-block", "a:more", "1");
                List<String> repaired = client.reads();
                assertThat(daemon.terminate()).isZero();
                daemon = start(files, disk);
                List<String> restarted = client.reads();
                assertThat(restarted.subList(1, 3)).as("policies and block devices after a restart")
                        .isEqualTo(repaired.subList(1, 3)).anySatisfy(output -> assertThat(output).contains("a:more"));
                assertThat(restarted.get(0)).as("unikernels after a restart").contains("a:web")
                        .doesNotContain("a:second");
            } catch (AssertionError | RuntimeException e) {
                System.err.println("albatrossd's output " + daemon.log());
                throw e;
            } finally {
                daemon.close();
            }
        }
    }

    private static PrivateDbdir mountOrSkip(DaemonFiles files) throws IOException {
        try {
            return PrivateDbdir.mount(files.dbdir(), TMPFS_SIZE);
        } catch (PrivateDbdir.NotPermitted e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }

    private static DaemonProcess start(DaemonFiles files, PrivateDbdir disk) throws IOException {
        return DaemonProcess.start(files, disk.prefix(), DaemonProcess.TEST_JVM_OPTIONS,
                System.getProperty("java.class.path"));
    }

    private static EventLogAudit audit(DaemonFiles files, PrivateDbdir disk) throws IOException {
        return EventLogAudit.of(disk.path(files.dbdir().resolve("events")));
    }

    private static boolean isChange(Event event) {
        return event instanceof Event.PolicyChanged || event instanceof Event.BlockChanged
                || event instanceof Event.UnikernelStart;
    }

    /** albatross-client against the daemon's socket, in process. */
    private record Client(Path socket) {
        void succeeds(String... command) {
            ClientCli.Run run = run(command);
            assertThat(run.exit()).as("%s exits 0; it printed %s", List.of(command), run.err()).isZero();
        }

        void refused(String reason, String... command) {
            ClientCli.Run run = run(command);
            assertThat(run.exit()).as("exit code of %s", List.of(command)).isEqualTo(REFUSED);
            assertThat(run.err().strip()).as("what %s printed", List.of(command))
                    .startsWith("albatross-client: ").contains(": the daemon refused: ").contains(reason)
                    .doesNotContain("\n", "Exception", "\tat ");
        }

        /** What info, policy and block print (info with start times, so only the same daemon prints it alike). */
        List<String> reads() {
            return List.of(readOut("info"), readOut("policy"), readOut("block"));
        }

        private String readOut(String command) {
            ClientCli.Run run = run(command);
            assertThat(run.exit()).as("%s exits 0; it printed %s", command, run.err()).isZero();
            return run.out();
        }

        private ClientCli.Run run(String... command) {
            String[] arguments = new String[command.length + 2];
            arguments[0] = "--socket";
            arguments[1] = socket.toString();
            System.arraycopy(command, 0, arguments, 2, command.length);
            return ClientCli.inProcess(arguments);
        }
    }
}

package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.Stream;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.DaemonStateCodec;
import org.albatross.daemon.store.StateStore;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: a daemon restart - SIGTERM with {@code shutdown = "leave"}, or SIGKILL - does not restart running
 * unikernels: the new daemon adopts their tenders (same pids), their consoles go on, the event log says "adopted";
 * one that ended meanwhile follows its restart rule. Nothing is left running after the test.
 */
class ReadoptionIT {
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final TestUnikernel BEATING = TestUnikernel.withArguments("heartbeat=100");

    @TempDir
    Path root;
    private DaemonFiles files;
    private DaemonProcess daemon;
    private final Instant began = Instant.now();

    @BeforeEach
    void startLeavingDaemon() throws IOException {
        files = DaemonFiles.createUnder(root);
        Files.writeString(files.config(), Files.readString(files.config())
                .replace("shutdown = \"stop\"", "shutdown = \"leave\""));
        daemon = DaemonProcess.start(files);
    }

    @AfterEach
    void destroyAndLookForOrphans() {
        try {
            if (daemon.isAlive()) {
                for (String name : new String[] {"beat-a", "beat-b"}) {
                    request(new UnikernelCommand.Destroy(), name);
                }
            }
            await("no tender left after destroy").atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(daemon.tenders()).isEmpty());
        } finally {
            daemon.close();
        }
    }

    @Test
    void aDaemonStoppedWithLeaveIsSucceededByOneThatAdoptsTheTenders() throws IOException {
        create("beat-a", BEATING);
        create("beat-b", BEATING);
        Map<String, List<Long>> before = awaitTenders();

        assertThat(daemon.terminate()).isZero();
        daemon = DaemonProcess.start(files);

        assertAdopted(before);
    }

    @Test
    void aKilledDaemonIsSucceededByOneThatAdoptsTheTenders() throws IOException {
        create("beat-a", BEATING);
        create("beat-b", BEATING);
        Map<String, List<Long>> before = awaitTenders();

        daemon.crash();
        assertThat(daemon.tenders()).as("the tenders outlive the daemon").hasSize(2);
        daemon = DaemonProcess.start(files);

        assertAdopted(before);
    }

    @Test
    void aUnikernelThatFailedWhileNoDaemonRanIsRestartedByItsRule() throws IOException {
        create("beat-a", BEATING);
        create("beat-b", TestUnikernel.withArguments("heartbeat=100", "beats=20", "exit=3").restartingOn(3));
        Map<String, List<Long>> before = awaitTenders();

        daemon.crash();
        Path exit = files.tmpdir().resolve("run/beat-b/exit");
        await("beat-b ends while no daemon runs").atMost(DEADLINE).until(() -> Files.exists(exit));
        daemon = DaemonProcess.start(files);

        try (Stream events = subscribeToEvents()) {
            Streams.readUntil(events, "the exit of beat-b that happened while the daemon was down",
                    event(new Event.UnikernelStop(Name.parse("beat-b"), new Event.ExitStatus.Exited(3))));
            Streams.readUntil(events, "the restart of beat-b", event(new Event.UnikernelRestart(Name.parse("beat-b"))));
        }
        await("beat-b runs again").atMost(DEADLINE).untilAsserted(() -> assertThat(tenders())
                .containsEntry("beat-a", before.get("beat-a"))
                .hasEntrySatisfying("beat-b", pids -> assertThat(pids).hasSize(1)
                        .doesNotContainAnyElementsOf(before.get("beat-b"))));
    }

    private void assertAdopted(Map<String, List<Long>> before) {
        assertThat(tenders()).as("the same tenders, none started again").isEqualTo(before);
        try (Stream events = subscribeToEvents()) {
            for (String name : before.keySet()) {
                Streams.readUntil(events, "the adoption of " + name, adopted(name));
            }
        }
        Instant restarted = Instant.now();
        for (String name : before.keySet()) {
            try (Session session = LocalTransport.connect(files.socket());
                    Stream console = session.open(new ConsoleCommand.SubscribeSince(restarted), Name.parse(name))) {
                Streams.readUntil(console, "a heartbeat of " + name + " read by the new daemon",
                        Streams.consoleLine("heartbeat "));
            }
        }
    }

    /**
     * A create's tender starts before its state and image are forced to disk (the create is acknowledged once both are
     * done): a daemon killed in between leaves a running tender and an image that no saved state refers to.
     */
    @Test
    void aTenderNoSavedUnikernelOwnsIsEndedWhenTheNextDaemonStarts() throws IOException {
        create("beat-a", BEATING);
        await("beat-a's tender runs").atMost(DEADLINE).until(() -> tenders().size() == 1);
        daemon.crash();
        // As if the create had never been saved: the state without it, its tender still running.
        StateStore.open(files.dbdir()).save(DaemonStateCodec.encode(DaemonState.EMPTY));

        daemon = DaemonProcess.start(files);

        await("the stray tender ends").atMost(DEADLINE).until(() -> daemon.tenders().isEmpty());
        assertThat(files.tmpdir().resolve("run/beat-a")).as("its run directory").doesNotExist();
        assertThat(files.dbdir().resolve("images")).as("its image, which no saved state refers to").isEmptyDirectory();
        assertThat(daemon.log()).contains("ended and removed beat-a: a tender no saved unikernel owns");
    }

    /** The VMM pid of each unikernel, once both run. */
    private Map<String, List<Long>> awaitTenders() {
        return await("both tenders run").atMost(DEADLINE).until(this::tenders, running -> running.size() == 2);
    }

    /**
     * The VMM pids of each unikernel running now (one each, unless something is wrong). Waits poll it, so it asserts
     * nothing, and a VMM that ends while it is read is left out.
     */
    private Map<String, List<Long>> tenders() {
        return daemon.tenders().stream()
                .flatMap(vmm -> RunFrom.runDirectoryOf(vmm).map(name -> Map.entry(name, vmm.pid())).stream())
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The events since the test began, then new ones. */
    private Stream subscribeToEvents() {
        Stream events = LocalTransport.connect(files.socket()).open(new EventLogCommand.SubscribeSince(began),
                Name.ROOT);
        events.reply().success();
        return events;
    }

    private void create(String name, TestUnikernel kernel) {
        request(new UnikernelCommand.Create(kernel.config()), name).success();
    }

    private org.albatross.client.transport.Answer request(org.albatross.protocol.Command command, String name) {
        try (Session session = LocalTransport.connect(files.socket())) {
            return session.request(command, Name.parse(name));
        }
    }

    private static Predicate<Data> adopted(String name) {
        return data -> data instanceof Data.EventEntry entry && entry.event() instanceof Event.UnikernelStart start
                && start.name().equals(Name.parse(name)) && start.adapter().endsWith("(adopted)");
    }

    private static Predicate<Data> event(Event wanted) {
        return data -> data instanceof Data.EventEntry entry && entry.event().equals(wanted);
    }
}

package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.TransportError;
import org.albatross.daemon.events.EventLogAudit;
import org.albatross.daemon.events.LoggedEvent;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.DaemonStateCodec;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.store.StateStore;
import org.albatross.daemon.store.StoredState;
import org.albatross.daemon.supervisor.BlockDirectory;
import org.albatross.daemon.store.NameOnDisk;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, crash consistency: a stream of mixed commands against real daemon processes, each daemon SIGKILLed at a
 * random moment (seeded, printed), started again over the same files and checked. A command whose reply arrived is
 * acknowledged and must be all there; the one in flight at the kill must be all there or not at all (policy, block
 * device in the state and its file with its data, unikernel and its image in the image store); the state file must
 * load; the event log must hold every acknowledged command's event in order with no damage (a record cut short at
 * its very end is a crash's normal trace, truncated by the next daemon). Some daemons are killed while they restore
 * the saved unikernels, before they serve: nothing acknowledged may be lost then either. After each restart the image
 * store holds exactly the images of the saved unikernels, nothing half-written. Several lanes, each a daemon over its
 * own directory, run in parallel.
 */
class CrashConsistencyIT {
    /**
     * At least this many SIGKILLs per run: {@code crash.kills}, which integration-tests/pom.xml sets (30 in every
     * verify, 200 under {@code -P crash-long}; {@code -Dcrash.kills=N} for another count).
     */
    private static final int KILLS = Integer.getInteger("crash.kills", 30);
    /** Daemons killed in parallel, each over its own directory: a kill cycle waits more than it computes. */
    private static final int LANES = Integer.getInteger("crash.lanes", 3);
    /** The latest moment, after the kill is armed, at which the daemon is killed. */
    private static final int KILL_WITHIN_MILLIS = 250;
    /** The most replies a daemon gives before its kill is armed. */
    private static final int REPLIES_BEFORE_KILL = 6;
    private static final List<String> SMALL_FOOTPRINT =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final long BLOCK_MB = 1;
    private static final int BLOCK_DATA_BYTES = 4096;
    private static final List<String> PATHS = List.of("a", "b");
    private static final List<Name> UNIKERNELS = List.of(Name.parse("a:u"), Name.parse("b:u"), Name.parse("c:u"));
    private static final List<Name> BLOCKS = List.of(Name.parse("a:d"), Name.parse("b:d"), Name.parse("c:d"));
    private static final UnikernelConfig KERNEL = TestUnikernel.withArguments("forever").withMemory(16).config();
    private static final UnikernelSpec KERNEL_RUNS = new UnikernelSpec(KERNEL.typ(), TestUnikernel.digest(),
            KERNEL.runArguments());
    /** One start in this many is killed before the daemon serves: during its restore. */
    private static final int KILLED_WHILE_RESTORING = 4;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedCommandSurvivesASigkillAndNothingUnacknowledgedIsHalfThere() throws Exception {
        long seed = Long.getLong("crash.seed", new Random().nextLong());
        System.out.println("CrashConsistencyIT seed " + seed + " (again with -Dcrash.seed=" + seed + ")");
        AtomicInteger kills = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        try {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                Lane each = new Lane(DaemonFiles.createUnder(directory.resolve("lane" + lane)),
                        new Random(seed + lane));
                running.add(CompletableFuture.runAsync(() -> each.killUntil(kills), lanes));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } finally {
            lanes.shutdownNow();
            // Whatever a failed lane left running (its daemon, spawner, VMMs) must not outlive the test.
            RunFrom.killAll(directory);
        }
        System.out.printf("CrashConsistencyIT: %d kills in %d s over %d lanes%n", kills.get(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), LANES);
        assertThat(kills.get()).isGreaterThanOrEqualTo(KILLS);
    }

    @Test
    void noOrphanTenderEveryTenderBelongsToAUnikernelOfTheDaemonExactlyOneEach() throws Exception {
        DaemonFiles files = DaemonFiles.createUnder(directory.resolve("orphans"));
        DaemonProcess daemon = DaemonProcess.start(files, SMALL_FOOTPRINT, System.getProperty("java.class.path"));
        try {
            for (Name name : UNIKERNELS) {
                try (Session session = LocalTransport.connect(files.socket())) {
                    session.request(new UnikernelCommand.Create(KERNEL), name).success();
                }
                daemon.crash();
                daemon = DaemonProcess.start(files, SMALL_FOOTPRINT, System.getProperty("java.class.path"));

                List<Name> running;
                try (Session session = LocalTransport.connect(files.socket())) {
                    running = ((Success.UnikernelInfos) session.request(new UnikernelCommand.Info(), Name.ROOT)
                            .success()).unikernels().stream().map(Success.NamedUnikernelInfo::name).toList();
                }
                List<ProcessHandle> vmms = daemon.tenders();
                assertThat(vmms).as("one VMM per unikernel of the daemon, %s", running).hasSameSizeAs(running);
                for (Name unikernel : running) {
                    assertThat(vmms).as("the VMMs of %s", unikernel)
                            .filteredOn(vmm -> RunFrom.runDirectoryOf(vmm).equals(Optional.of(NameOnDisk.of(unikernel))))
                            .hasSize(1);
                }
            }
            daemon.terminate();
            assertThat(daemon.tenders()).as("VMMs left after the daemon stopped them").isEmpty();
        } finally {
            daemon.close();
        }
    }

    /** What the daemon must hold: its state and the first byte of each block device's data. */
    private record Model(DaemonState state, Map<Name, Integer> blockData) {
        static final Model EMPTY = new Model(DaemonState.EMPTY, Map.of());

        Model withState(DaemonState changed) {
            Map<Name, Integer> data = new HashMap<>(blockData);
            data.keySet().retainAll(changed.blockDevices().keySet());
            changed.blockDevices().keySet().forEach(name -> data.putIfAbsent(name, 0));
            return new Model(changed, data);
        }
    }

    /** A command of the stream: what it sends, how an acknowledgement changes the model, which event says so. */
    private record Operation(String what, Name name, Command command, Optional<byte[]> upload,
            java.util.function.UnaryOperator<Model> effect, Optional<Predicate<Event>> event) {
        Answer send(Session session) throws IOException {
            return upload.isPresent() ? session.upload(command, name, new ByteArrayInputStream(upload.get()))
                    : session.request(command, name);
        }

        @Override
        public String toString() {
            return what + " " + name;
        }
    }

    /** One daemon over its own files, killed and started again until the run has its kills. */
    private static final class Lane {
        private final DaemonFiles files;
        private final Random random;
        private final BlockDirectory blockFiles;
        private final List<Predicate<Event>> acknowledgedEvents = new ArrayList<>();
        /** How many commands of each kind were acknowledged, to show the stream did more than fail. */
        private final Map<String, Integer> acknowledged = new java.util.TreeMap<>();
        private Model model = Model.EMPTY;
        /** The command whose reply never came when a serving daemon was last killed, undecided until one serves. */
        private Optional<Operation> inFlight = Optional.empty();

        Lane(DaemonFiles files, Random random) {
            this.files = files;
            this.random = random;
            this.blockFiles = new BlockDirectory(files.dbdir().resolve("block"));
        }

        void killUntil(AtomicInteger kills) {
            try {
                while (kills.get() < KILLS) {
                    if (random.nextInt(KILLED_WHILE_RESTORING) == 0) {
                        killWhileRestoring();
                    } else {
                        DaemonProcess daemon = start();
                        inFlight = runUntilKilled(daemon);
                    }
                    kills.incrementAndGet();
                    checkFilesAfterKill();
                }
                DaemonProcess last = start();
                last.terminate();
                System.out.println("CrashConsistencyIT " + files.root().getFileName() + " acknowledged " + acknowledged);
                assertThat(last.tenders()).as("VMMs left after the last daemon stopped its unikernels: "
                        + "started by a killed daemon and not re-adopted").isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Starts a daemon and kills it within about the time its restore takes, likely before it serves. */
        private void killWhileRestoring() throws IOException {
            DaemonProcess daemon = DaemonProcess.launch(files, SMALL_FOOTPRINT, System.getProperty("java.class.path"));
            CompletableFuture.delayedExecutor(random.nextInt(KILL_WITHIN_MILLIS * 4), TimeUnit.MILLISECONDS)
                    .execute(daemon::crash);
            daemon.awaitExit();
            daemon.close();
            // The command in flight at the last kill stays undecided until a daemon serves: a destroy whose stop
            // reached the VMM before that kill is finished by whichever daemon completes a restore.
        }

        private DaemonProcess start() throws IOException {
            DaemonProcess daemon = DaemonProcess.start(files, SMALL_FOOTPRINT, System.getProperty("java.class.path"));
            checkDaemonServes();
            return daemon;
        }

        /**
         * Sends commands until the daemon is killed; returns the one whose reply did not arrive, if any was sent. The
         * kill is armed after a random number of replies, so that a loaded machine, where one command takes longer
         * than the kill's delay, still gets commands acknowledged between kills.
         */
        private Optional<Operation> runUntilKilled(DaemonProcess daemon) {
            int armAfter = random.nextInt(REPLIES_BEFORE_KILL + 1);
            for (int replies = 0; true; replies++) {
                if (replies == armAfter) {
                    CompletableFuture.delayedExecutor(random.nextInt(KILL_WITHIN_MILLIS), TimeUnit.MILLISECONDS)
                            .execute(daemon::crash);
                }
                Operation operation = next();
                Answer reply;
                try (Session session = LocalTransport.connect(files.socket())) {
                    reply = operation.send(session);
                } catch (TransportError | IOException killed) {
                    daemon.crash();
                    return Optional.of(operation);
                }
                if (reply instanceof Answer.Succeeded) {
                    Model changed = operation.effect().apply(model);
                    if (!changed.state().equals(model.state())) {
                        operation.event().ifPresent(acknowledgedEvents::add);
                    }
                    model = changed;
                    acknowledged.merge(operation.what(), 1, Integer::sum);
                }
            }
        }

        /** Before the next daemon touches them: the state loads and is the model (with or without the in-flight
         * command), the event log is intact and holds every acknowledged event. */
        private void checkFilesAfterKill() throws IOException {
            EventLogAudit audit = EventLogAudit.of(files.dbdir().resolve("events"));
            assertThat(audit.damage()).as("damage in the event log").isEmpty();
            assertThat(audit.sequencesContiguous()).as("event sequence numbers without gaps").isTrue();
            assertThat(containsInOrder(audit.events(), acknowledgedEvents))
                    .as("every acknowledged command's event, in order (acknowledged %s); the log: %s", acknowledged,
                            audit.events().stream().map(logged -> logged.entry().event()).toList()).isTrue();

            DaemonState saved = loadState(files);
            for (Octets digest : saved.images()) {
                Path image = files.dbdir().resolve("images").resolve(digest.toHex());
                assertThat(image).as("the image of a saved unikernel").exists();
                assertThat(sha256(image)).as("%s, whole", image).isEqualTo(digest);
            }
            Model observed = new Model(saved, blockDataOnDisk(saved));
            Model withInFlight = inFlight.map(operation -> operation.effect().apply(model)).orElse(model);
            assertThat(observed).as("the saved state and block data, with %s in flight", inFlight)
                    .isIn(model, withInFlight);
            model = observed;
        }

        /** The restarted daemon serves exactly the model, and no file in dbdir/block is left over. */
        private void checkDaemonServes() throws IOException {
            try (Session session = LocalTransport.connect(files.socket())) {
                Success.Policies policies = (Success.Policies) session.request(new PolicyCommand.Info(), Name.ROOT)
                        .success();
                assertThat(policies.policies().stream().filter(named -> !named.name().path().isRoot())
                        .collect(Collectors.toMap(named -> named.name().path(), Success.NamedPolicy::policy)))
                        .as("policies").isEqualTo(model.state().policies());
            }
            try (Session session = LocalTransport.connect(files.socket())) {
                Success.BlockDevices blocks = (Success.BlockDevices) session.request(new BlockCommand.Info(),
                        Name.ROOT).success();
                assertThat(blocks.devices().stream().collect(Collectors.toMap(Success.BlockDevice::name,
                        Success.BlockDevice::sizeMb))).as("block devices").isEqualTo(model.state().blockDevices());
            }
            try (Session session = LocalTransport.connect(files.socket())) {
                Success.UnikernelInfos unikernels = (Success.UnikernelInfos) session.request(
                        new UnikernelCommand.Info(), Name.ROOT).success();
                assertThat(unikernels.unikernels()).as("unikernels, all running").allSatisfy(
                        named -> assertThat(named.info().running()).isTrue());
                Set<Name> served = unikernels.unikernels().stream().map(Success.NamedUnikernelInfo::name)
                        .collect(Collectors.toSet());
                Optional<Model> completed = inFlight.map(operation -> operation.effect().apply(model));
                if (completed.isPresent() && !served.equals(model.state().unikernels().keySet())
                        && served.equals(completed.get().state().unikernels().keySet())) {
                    // A destroy killed after its stop reached the VMM but before the state was saved: the monitor
                    // recorded the end, and the next daemon finishes the destroy (no restart after a stop signal).
                    model = completed.get();
                }
                assertThat(served).containsExactlyInAnyOrderElementsOf(model.state().unikernels().keySet());
            }
            Set<Path> expectedFiles = model.state().blockDevices().keySet().stream().map(blockFiles::file)
                    .collect(Collectors.toSet());
            assertThat(filesIn(blockFiles.directory())).as("the files in dbdir/block")
                    .containsExactlyInAnyOrderElementsOf(expectedFiles);
            assertThat(blockDataOnDisk(model.state())).as("block data").isEqualTo(model.blockData());
            assertThat(filesIn(files.dbdir().resolve("images"))).as("the image store: the saved unikernels' images, "
                    + "no orphan, nothing half-written").containsExactlyInAnyOrderElementsOf(model.state().images()
                    .stream().map(digest -> files.dbdir().resolve("images").resolve(digest.toHex())).toList());
        }

        private Map<Name, Integer> blockDataOnDisk(DaemonState state) throws IOException {
            Map<Name, Integer> data = new HashMap<>();
            for (Map.Entry<Name, Long> device : state.blockDevices().entrySet()) {
                Path file = blockFiles.file(device.getKey());
                assertThat(file).as("the file of block device %s", device.getKey()).exists();
                assertThat(Files.size(file)).as("the size of %s", file).isEqualTo(device.getValue() << 20);
                try (var in = Files.newInputStream(file)) {
                    data.put(device.getKey(), in.read());
                }
            }
            return data;
        }

        /** A random command; names are few, so that commands meet each other's results. */
        private Operation next() {
            String path = PATHS.get(random.nextInt(PATHS.size()));
            Name unikernel = UNIKERNELS.get(random.nextInt(UNIKERNELS.size()));
            Name block = BLOCKS.get(random.nextInt(BLOCKS.size()));
            return switch (random.nextInt(7)) {
                case 0 -> addPolicy(path);
                case 1 -> {
                    org.albatross.protocol.Path at = org.albatross.protocol.Path.parse(path);
                    yield new Operation("remove policy", Name.of(at), new PolicyCommand.Remove(), Optional.empty(),
                            m -> m.withState(changed(m.state(), s -> s.policies, map -> map.remove(at))),
                            Optional.of(new Event.PolicyChanged(at, Optional.empty())::equals));
                }
                case 2 -> new Operation("create", unikernel, new UnikernelCommand.Create(KERNEL), Optional.empty(),
                        m -> m.withState(changed(m.state(), s -> s.unikernels,
                                map -> map.put(unikernel, KERNEL_RUNS))),
                        Optional.of(event -> event instanceof Event.UnikernelStart start
                                && start.name().equals(unikernel)));
                case 3 -> new Operation("destroy", unikernel, new UnikernelCommand.Destroy(), Optional.empty(),
                        m -> m.withState(changed(m.state(), s -> s.unikernels, map -> map.remove(unikernel))),
                        Optional.of(new Event.UnikernelStop(unikernel, new Event.ExitStatus.Stopped())::equals));
                case 4 -> new Operation("add block", block, new BlockCommand.Add(BLOCK_MB), Optional.empty(),
                        m -> m.withState(changed(m.state(), s -> s.blocks, map -> map.put(block, BLOCK_MB))),
                        Optional.of(new Event.BlockChanged(block, Optional.of(BLOCK_MB))::equals));
                case 5 -> new Operation("remove block", block, new BlockCommand.Remove(), Optional.empty(),
                        m -> m.withState(changed(m.state(), s -> s.blocks, map -> map.remove(block))),
                        Optional.of(new Event.BlockChanged(block, Optional.empty())::equals));
                default -> setBlock(block);
            };
        }

        private Operation addPolicy(String path) {
            org.albatross.protocol.Path at = org.albatross.protocol.Path.parse(path);
            Policy policy = new Policy(1 + random.nextInt(3), Set.of(0), 64 + 32L * random.nextInt(4),
                    Optional.of(4L + random.nextInt(4)), Set.of());
            return new Operation("add policy", Name.of(at), new PolicyCommand.Add(policy), Optional.empty(),
                    m -> m.withState(changed(m.state(), s -> s.policies, map -> map.put(at, policy))),
                    Optional.of(event -> event instanceof Event.PolicyChanged changed && changed.path().equals(at)));
        }

        private Operation setBlock(Name block) {
            int value = 1 + random.nextInt(255);
            byte[] data = new byte[BLOCK_DATA_BYTES];
            java.util.Arrays.fill(data, (byte) value);
            return new Operation("set block", block, new BlockCommand.Set(false), Optional.of(data), m -> {
                Map<Name, Integer> written = new HashMap<>(m.blockData());
                written.put(block, value);
                return new Model(m.state(), written);
            }, Optional.empty());
        }
    }

    /** The parts of a state a command changes, each a mutable copy handed to the change. */
    private static final class Parts {
        final Map<org.albatross.protocol.Path, Policy> policies;
        final Map<Name, Long> blocks;
        final Map<Name, UnikernelSpec> unikernels;

        Parts(DaemonState state) {
            policies = new HashMap<>(state.policies());
            blocks = new HashMap<>(state.blockDevices());
            unikernels = new HashMap<>(state.unikernels());
        }
    }

    private static <M> DaemonState changed(DaemonState state, java.util.function.Function<Parts, M> part,
            java.util.function.Consumer<M> change) {
        Parts parts = new Parts(state);
        change.accept(part.apply(parts));
        return new DaemonState(parts.policies, parts.blocks, parts.unikernels, state.stopped());
    }

    private static DaemonState loadState(DaemonFiles files) throws IOException {
        Optional<StoredState> stored = StateStore.open(files.dbdir()).load();
        if (stored.isEmpty()) {
            return DaemonState.EMPTY;
        }
        assertThat(stored.get().holdsImages()).as("a state that refers to images, never one that holds them")
                .isFalse();
        try {
            return DaemonStateCodec.decode(stored.get().bytes());
        } catch (DaemonStateCodec.UnreadableState e) {
            throw new AssertionError("the saved state does not decode: " + e.getMessage(), e);
        }
    }

    private static Octets sha256(Path file) throws IOException {
        try {
            return Octets.of(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code expected} match events of the log in order (other events may come between). */
    private static boolean containsInOrder(List<LoggedEvent> log, List<Predicate<Event>> expected) {
        int next = 0;
        for (LoggedEvent logged : log) {
            if (next < expected.size() && expected.get(next).test(logged.entry().event())) {
                next++;
            }
        }
        return next == expected.size();
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}

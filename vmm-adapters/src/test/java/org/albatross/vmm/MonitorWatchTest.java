package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.albatross.vmm.ExitStatus.Exited;
import org.albatross.vmm.ExitStatus.Stopped;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spawner and the watch together: real processes, real FIFOs, one reading thread. */
class MonitorWatchTest {
    /** Minutes, not seconds: the tests run beside other builds on two cores (a 20 s deadline was missed at load 17). */
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Duration GRACE = Duration.ofSeconds(5);

    @TempDir
    Path root;
    private RunRoot runRoot;

    @BeforeEach
    void tendersEndWithThisJvm() {
        OrphanReaper.watch(root);
    }

    @Test
    void oneThreadReadsTheConsolesOfManyTendersToTheEnd() throws Exception {
        int tenders = 40;
        List<List<String>> consoles = new ArrayList<>();
        List<TenderProcess> running = new ArrayList<>();
        try (MonitorWatch watch = MonitorWatch.start()) {
            long threadsBefore = threads();
            for (int i = 0; i < tenders; i++) {
                List<String> console = new CopyOnWriteArrayList<>();
                consoles.add(console);
                running.add(TenderProcess.start(shell("i=0; while [ $i -lt 200 ]; do i=$((i+1)); echo " + i
                        + " line $i; done; exit " + (i % 5)), run("t" + i), "t" + i, console::add,
                        ProcessLauncher.SYSTEM, GRACE, watch));
            }
            // Helper threads of the JDK and Netty come and go on their own (a reaper, a global executor, an earlier
            // test's loop ending); a thread per tender would add forty.
            assertThat(threads()).as("no thread per tender").isBetween(threadsBefore - 3, threadsBefore + 3);
            for (int i = 0; i < tenders; i++) {
                assertThat(running.get(i).exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(new Exited(i % 5));
                assertThat(consoles.get(i)).hasSize(200).startsWith(i + " line 1").endsWith(i + " line 200");
            }
            assertThat(watch.size()).isZero();
        }
    }

    @Test
    void aTenderOutlivesItsDaemonWithoutSigpipeAndTheNextDaemonReadsOnWhereTheFirstStopped() throws Exception {
        RunDirectory files = run("survivor");
        Path go = root.resolve("go");
        List<String> first = new CopyOnWriteArrayList<>();
        MonitorWatch daemon = MonitorWatch.start();
        TenderProcess tender = TenderProcess.start(shell("echo before; while [ ! -e " + go + " ]; do sleep 0.02;"
                + " done; echo while away; exit 6"), files, "survivor", first::add, ProcessLauncher.SYSTEM, GRACE,
                daemon);
        await().atMost(DEADLINE).until(() -> first.contains("before"));
        // as the daemon that started it knows it, and its successor finds it in /proc
        Instant started = TenderIdentity.startOf(tender.pid()).orElseThrow();
        daemon.close();

        Files.createFile(go);
        await().atMost(DEADLINE).until(() -> Files.exists(files.exitFile()));
        assertThat(Files.readString(files.exitFile()).strip()).as("no SIGPIPE, no EPIPE").isEqualTo("6");

        List<String> second = new CopyOnWriteArrayList<>();
        try (MonitorWatch next = MonitorWatch.start()) {
            TenderProcess adopted = TenderProcess.adopt(files, tender.pid(), started, ExitEncoding.DIRECT,
                    List.of(), second::add, ProcessLauncher.SYSTEM, GRACE, next);
            assertThat(adopted.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Exited(6));
        }
        assertThat(second).as("the line written while no daemon read was lost: the tender, its last holder, ended")
                .isEmpty();
    }

    @Test
    void anAdoptedTenderKeepsItsConsoleAndStopsOnRequest() throws Exception {
        RunDirectory files = run("adopted");
        List<String> first = new CopyOnWriteArrayList<>();
        MonitorWatch daemon = MonitorWatch.start();
        TenderProcess tender = TenderProcess.start(shell("n=0; while :; do n=$((n+1)); echo beat $n; sleep 0.05;"
                + " done"), files, "adopted", first::add, ProcessLauncher.SYSTEM, GRACE, daemon);
        await().atMost(DEADLINE).until(() -> first.contains("beat 2"));
        // as the daemon that started it knows it, and its successor finds it in /proc
        Instant started = TenderIdentity.startOf(tender.pid()).orElseThrow();
        daemon.close();

        List<String> second = new CopyOnWriteArrayList<>();
        try (MonitorWatch next = MonitorWatch.start()) {
            TenderProcess adopted = TenderProcess.adopt(files, tender.pid(), started, ExitEncoding.DIRECT,
                    List.of(), second::add, ProcessLauncher.SYSTEM, GRACE, next);
            await().atMost(DEADLINE).until(() -> second.size() >= 2);
            assertThat(second).allMatch(line -> line.startsWith("beat "));
            int firstBeatSeenAgain = Integer.parseInt(second.get(0).substring(5));
            assertThat(firstBeatSeenAgain).as("no beat is read twice").isGreaterThan(
                    Integer.parseInt(first.get(first.size() - 1).substring(5)));

            assertThat(adopted.stop().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(new Stopped(StopSignal.TERM));
        }
    }

    @Test
    void aTenderWhoseSpawnerWasKilledIsReportedLost() throws Exception {
        RunDirectory files = run("orphan");
        try (MonitorWatch watch = MonitorWatch.start()) {
            TenderProcess tender = TenderProcess.start(shell("exec sleep 60"), files, "orphan", line -> { },
                    ProcessLauncher.SYSTEM, GRACE, watch);
            ProcessHandle spawner = ProcessHandle.of(tender.pid()).orElseThrow().parent().orElseThrow();
            spawner.destroyForcibly();
            // The tender of the killed spawner is adopted by init (or a subreaper): no longer the spawner's child.
            await().atMost(DEADLINE).until(() -> ProcessHandle.of(tender.pid()).flatMap(ProcessHandle::parent)
                    .map(parent -> parent.pid() != spawner.pid()).orElse(true));
            ProcessHandle.of(tender.pid()).orElseThrow().destroyForcibly();

            await().atMost(DEADLINE).until(() -> tender.exit().isDone());
            assertThat(tender.exit()).isCompletedExceptionally();
            assertThat(Files.exists(files.exitFile())).isFalse();
        }
    }

    @Test
    void aLineWithoutNewlineAtTheEndIsDelivered() throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        try (MonitorWatch watch = MonitorWatch.start()) {
            TenderProcess tender = TenderProcess.start(shell("printf 'one\\r\\ntwo'"), run("partial"), "partial",
                    console::add, ProcessLauncher.SYSTEM, GRACE, watch);
            assertThat(tender.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Exited(0));
        }
        assertThat(console).containsExactly("one", "two");
    }

    @Test
    void identityNeedsTheStartTimeToo() {
        long self = ProcessHandle.current().pid();
        Instant started = TenderIdentity.startOf(self).orElseThrow();

        assertThat(TenderIdentity.isRunning(self, started)).isTrue();
        assertThat(TenderIdentity.isRunning(self, started.minusSeconds(1))).as("a recycled pid").isFalse();
    }

    @Test
    void noEndedTenderLingersAsAZombie() throws Exception {
        try (MonitorWatch watch = MonitorWatch.start()) {
            Path go = root.resolve("go");
            TenderProcess tender = TenderProcess.start(shell("while [ ! -e " + go + " ]; do sleep 0.02; done"),
                    run("first"), "first", line -> { }, ProcessLauncher.SYSTEM, GRACE, watch);
            Files.createFile(go);
            tender.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            await().atMost(DEADLINE).until(() -> !isZombie(tender.pid()));
        }
    }

    @Test
    void aSpawnerLetGoRecordsItsTendersExitsAndEndsAfterTheLast() throws Exception {
        runRoot = RunRoot.open(root);
        try (MonitorWatch watch = MonitorWatch.start()) {
            List<TenderProcess> tenders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RunDirectory files = runRoot.directory("tender" + i);
                files.prepare(ProcessLauncher.SYSTEM);
                Path go = root.resolve("go" + i);
                LaunchPlan plan = shell("while [ ! -e " + go + " ]; do sleep 0.02; done; exit " + (4 + i));
                tenders.add(TenderProcess.start(plan, files, "tender" + i, line -> { }, ProcessLauncher.SYSTEM, GRACE,
                        watch));
            }
            ProcessHandle spawner = ProcessHandle.of(tenders.get(0).pid()).flatMap(ProcessHandle::parent)
                    .orElseThrow();

            runRoot.close();
            Files.createFile(root.resolve("go0"));
            assertThat(tenders.get(0).exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Exited(4));
            assertThat(spawner.isAlive()).as("the spawner, its input closed, waits for its other tender").isTrue();
            Files.createFile(root.resolve("go1"));

            assertThat(tenders.get(1).exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Exited(5));
            await().atMost(DEADLINE).until(() -> !spawner.isAlive());
        }
    }

    @Test
    void theSpawnerTellsEachExitOnItsPipeOnceTheExitFileIsWritten() throws Exception {
        RunDirectory files = run("told");
        MonitorSpawner.Spawned spawned = files.startTender(shell("exit 3"));

        assertThat(spawned.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(files.exitStatus()).as("written before it is told").hasValue(3);
    }

    @Test
    void anExitToldByTheSpawnerAfterItsExitFileWasSeenIsToldOnce() throws Exception {
        try (MonitorWatch watch = MonitorWatch.start()) {
            CompletableFuture<Integer> pipe = new CompletableFuture<>();
            CompletableFuture<Integer> exit = watchEnded(watch, endedTender("seen-first"), Optional.of(pipe));
            // An adopted tender's watch wakes the thread, whose round takes both and finds both exit files.
            CompletableFuture<Integer> other = watchEnded(watch, endedTender("other"), Optional.empty());
            other.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("by the exit file").isEqualTo(3);
            pipe.complete(7);
            assertThat(exit.get()).isEqualTo(3);
            assertThat(watch.size()).as("each exit told once").isZero();
        }
    }

    @Test
    void anExitFileSeenAfterTheSpawnerToldTheExitTellsNothingMore() throws Exception {
        try (MonitorWatch watch = MonitorWatch.start()) {
            CompletableFuture<Integer> pipe = new CompletableFuture<>();
            CompletableFuture<Integer> exit = watchEnded(watch, endedTender("told-first"), Optional.of(pipe));
            pipe.complete(7);
            assertThat(exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("by the spawner").isEqualTo(7);

            // The round that takes the adopted tender's watch takes the first one's too, and finds its exit file.
            watchEnded(watch, endedTender("other"), Optional.empty()).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(watch.size()).as("each exit told once").isZero();
        }
    }

    /** A tender that exited 3 and whose exit file is written. */
    private RunDirectory endedTender(String name) throws Exception {
        RunDirectory files = run(name);
        MonitorSpawner.Spawned spawned = files.startTender(shell("exit 3"));
        spawned.exit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        return files;
    }

    /** Watches the ended tender in {@code files}: as one its spawner tells through {@code pipe}, or adopted. */
    private static CompletableFuture<Integer> watchEnded(MonitorWatch watch, RunDirectory files,
            Optional<CompletableFuture<Integer>> pipe) throws java.io.IOException {
        return watch.watch(files, watch.open(files), files.tenderPid().orElseThrow(), Instant.EPOCH, line -> { },
                pipe);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    /** The threads of this JVM but the JDK's pooled process reapers, which end once idle. */
    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("process reaper")).count();
    }

    /** A run directory under the test's one run root, whose one spawner starts every tender, as a daemon's does. */
    private RunDirectory run(String name) throws java.io.IOException {
        if (runRoot == null) {
            runRoot = RunRoot.open(root);
        }
        RunDirectory run = runRoot.directory(name);
        run.prepare(ProcessLauncher.SYSTEM);
        return run;
    }

    private static LaunchPlan shell(String script) {
        return new LaunchPlan(List.of("sh", "-c", script), Map.of(), List.of(), List.of(), Set.of(), Optional.empty(),
                List.of(), List.of(), ExitEncoding.DIRECT);
    }
}

package org.albatross.vmm;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the ends of every tender the spawner started, however many run, and has their consoles read meanwhile by one
 * {@link ConsoleReader} ({@code albatross-consoles}): to the end before a tender's exit is told, once.
 *
 * <p>A tender this daemon's spawner started has its exit told by that spawner on its pipe: the status goes from the
 * thread that reads the pipe straight to the console reader. A tender adopted from an earlier daemon, whose spawner
 * tells nobody now, is watched on one thread ({@code albatross-monitors}) plus the JDK's one file-watching thread: the
 * exit file appearing wakes it at once (inotify on the run directory). Either way, a tender whose spawner died
 * without recording its exit is found by the liveness check every {@link #LIVENESS_CHECK} on that thread, and given
 * {@link #EXIT_GRACE} to write it; what the check finds ended is told by the exit file if it holds a status, and as
 * lost if not. Whichever tells first, the other finds the exit told and does nothing. Otherwise the thread sleeps: an
 * idle host costs it one look at its tenders every {@link #LIVENESS_CHECK}.
 */
public final class MonitorWatch implements AutoCloseable {
    static final Duration LIVENESS_CHECK = Duration.ofSeconds(10);
    /** Long, as a spawner on a loaded machine may wait for the CPU between its tender's end and its exit line. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(10);
    /** How soon an exit file that holds no whole status yet is read again. */
    static final Duration EXIT_RETRY = Duration.ofMillis(2);
    private static final Logger LOG = LoggerFactory.getLogger(MonitorWatch.class);

    private final WatchService exits;
    private final ConsoleReader consoles;
    /** Tenders watched, by run directory, until their exit is told; added by the thread, removed by who tells. */
    private final Map<Path, Watched> watched = new ConcurrentHashMap<>();
    /** Tenders watched since the thread last looked: it watches their run directories. */
    private final Queue<Watched> arriving = new ConcurrentLinkedQueue<>();
    /** Tenders whose exit file holds no whole status yet, by when to read it again. */
    private final Map<Watched, Long> unfinished = new HashMap<>();
    /** Tenders found gone without an exit file, by when their spawner has had {@link #EXIT_GRACE} to write one. */
    private final Map<Watched, Long> suspects = new HashMap<>();
    /** How many tenders are watched whose exit is not yet told. */
    private final AtomicInteger untold = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private long nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK.toNanos();
    /** Whether the thread waits for its next round, and may be woken (by an interrupt, then only). */
    private boolean waiting;

    private MonitorWatch(WatchService exits, ConsoleReader consoles) {
        this.exits = exits;
        this.consoles = consoles;
        this.thread = new Thread(this::run, "albatross-monitors");
        thread.setDaemon(true);
    }

    public static MonitorWatch start() throws IOException {
        MonitorWatch watch = new MonitorWatch(FileSystems.getDefault().newWatchService(), ConsoleReader.start());
        watch.thread.start();
        return watch;
    }

    /** Opens the console FIFO in {@code run} before its tender starts, so that none of its output is lost. */
    ConsoleFifo open(RunDirectory run) throws IOException {
        return consoles.open(run);
    }

    /**
     * Reads {@code fifo} from now on, line by line into {@code console}, until the tender's exit is told; the FIFO is
     * closed then. Returns at once: an exit file's watch is set up on this watch's thread, so that the caller (the
     * launch) does not wait for the JDK's file-watching thread to take it, a hand-off that costs milliseconds on a
     * loaded machine.
     *
     * @param pid and {@code started} identify the tender, for the liveness check
     * @param told the exit as the spawner that started the tender tells it; empty for an adopted tender, whose exit
     *     file is watched instead
     * @return the tender's status as the spawner recorded it (its exit code, or 128 + the signal), completed once
     *     the console has been read to the end; {@link MonitorLost} when the tender is gone and no exit was recorded
     */
    CompletableFuture<Integer> watch(RunDirectory run, ConsoleFifo fifo, long pid, Instant started,
            Consumer<String> console, Optional<CompletableFuture<Integer>> told) {
        Watched entry = new Watched(run, consoles.read(fifo, console), pid, started, told.isPresent());
        untold.incrementAndGet();
        arriving.add(entry);
        if (told.isPresent()) {
            // The thread takes it on its next round, for the liveness check only: no need to wake it now.
            told.get().whenComplete((status, notTold) -> {
                if (notTold == null) {
                    end(entry, () -> entry.exit.complete(status));
                } else {
                    // The spawner will not tell it (its output ended): its exit file is watched instead.
                    entry.tellsBySpawner = false;
                    arriving.add(entry);
                    wakeUp();
                }
            });
        } else {
            wakeUp();
        }
        return entry.exit;
    }

    /** How many tenders are watched now (their exits not yet told). */
    public int size() {
        return untold.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            // Ends the thread's wait, if it waits: a closed watch service throws.
            exits.close();
        } catch (IOException e) {
            LOG.warn("closing the exit watch failed: {}", e.getMessage());
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consoles.close();
        // Tenders go on running (a daemon that leaves them); their futures stay open, nobody waits for them now.
        watched.values().forEach(Watched::closeQuietly);
        watched.clear();
        arriving.forEach(Watched::closeQuietly);
        arriving.clear();
    }

    private void run() {
        while (!closed) {
            try {
                WatchKey key = awaitRound();
                for (; key != null; key = exits.poll()) {
                    markEnded(key);
                }
                arrive();
                retryUnfinished();
                checkLiveness();
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("the monitor watch failed a round; it goes on", e);
            }
        }
    }

    /**
     * Sleeps until the next liveness check, retry or suspect's grace is due, an exit file appears ({@code key}), or
     * {@link #wakeUp} (a new tender). The interrupt that wakes the thread can only come while it waits here, so it
     * never reaches the rest of a round.
     */
    private WatchKey awaitRound() {
        long now = System.nanoTime();
        long next = nextLivenessCheck;
        for (long due : unfinished.values()) {
            next = Math.min(next, due);
        }
        for (long graceEnds : suspects.values()) {
            next = Math.min(next, graceEnds);
        }
        synchronized (this) {
            if (!arriving.isEmpty()) {
                return null;
            }
            waiting = true;
        }
        try {
            return exits.poll(Math.max(0, next - now), TimeUnit.NANOSECONDS);
        } catch (InterruptedException woken) {
            return null;
        } finally {
            synchronized (this) {
                waiting = false;
                Thread.interrupted();
            }
        }
    }

    private synchronized void wakeUp() {
        if (waiting) {
            waiting = false;
            thread.interrupt();
        }
    }

    /** An exit file appeared or was written: the tender's exit is told once its console has been read. */
    private void markEnded(WatchKey key) {
        Watched entry = watched.get((Path) key.watchable());
        if (entry == null) {
            // Told already: the event came before the key's cancel.
            key.cancel();
            return;
        }
        boolean ended = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ended |= entry.run.exitFile().getFileName().equals(event.context());
        }
        key.reset();
        if (ended) {
            finish(entry, false);
        }
    }

    /** Tenders watched since the last round: their run directories watched, or their exits told if they ended. */
    private void arrive() {
        for (Watched entry = arriving.poll(); entry != null; entry = arriving.poll()) {
            watched.put(entry.run.path(), entry);
            if (entry.told.get()) {
                // Told by its spawner meanwhile: that removed it from watched before it was put there, or after this.
                watched.remove(entry.run.path(), entry);
                continue;
            }
            entry.process = TenderIdentity.handle(entry.pid, entry.started);
            if (!entry.tellsBySpawner) {
                watchExit(entry);
            }
            // The exit may have been written before the directory was watched (or before this round, its spawner's
            // line still on its way: whichever tells first, tells).
            if (Files.exists(entry.run.exitFile())) {
                finish(entry, false);
            }
        }
    }

    /**
     * Watches the run directory of a new entry for its exit file; a tender that ended already is found by its exit
     * file, or by the liveness check if even the watch fails.
     */
    private void watchExit(Watched entry) {
        try {
            // A modification too: a tender an earlier version's shell monitor started has its exit file created, then
            // written (the spawner renames a whole one into place).
            entry.key = entry.run.path().register(exits, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            LOG.warn("cannot watch {} for the exit of process {} ({}): the liveness check finds it, within {}",
                    entry.run, entry.pid, e.getMessage(), LIVENESS_CHECK.plus(EXIT_GRACE));
        }
    }

    /** Exit files read too early, read again. */
    private void retryUnfinished() {
        long now = System.nanoTime();
        for (Watched entry : due(unfinished, now)) {
            finish(entry, false);
        }
    }

    /**
     * Tells the tender's status once the spawner has written its whole exit line, after the rest of its console.
     * Until then the exit file is read again after {@link #EXIT_RETRY}; on the {@code lastChance}, its spawner's
     * grace over, the tender is lost instead.
     */
    private void finish(Watched entry, boolean lastChance) {
        if (entry.told.get()) {
            unfinished.remove(entry);
            return;
        }
        OptionalInt status;
        try {
            status = entry.run.exitStatus();
        } catch (IOException e) {
            end(entry, () -> entry.exit.completeExceptionally(new MonitorLost(e.getMessage())));
            return;
        }
        if (status.isPresent()) {
            end(entry, () -> entry.exit.complete(status.getAsInt()));
        } else if (lastChance) {
            end(entry, () -> entry.exit.completeExceptionally(new MonitorLost("process " + entry.pid + " ended, but "
                    + "its spawner recorded no exit status in " + entry.run.exitFile()
                    + " (the spawner was killed?)")));
        } else {
            unfinished.putIfAbsent(entry, System.nanoTime() + EXIT_RETRY.toNanos());
        }
    }

    /**
     * Tells the exit, once: on this watch's thread, or on the thread that reads the spawner's pipe (which leaves the
     * entry's deadlines to this thread: a told entry's are dropped when they come).
     */
    private void end(Watched entry, Runnable outcome) {
        if (closed || !entry.told.compareAndSet(false, true)) {
            return;
        }
        untold.decrementAndGet();
        watched.remove(entry.run.path(), entry);
        consoles.end(entry.stream, outcome);
        // After the console reader has the end: a cancel waits for the JDK's file-watching thread to take it, a
        // hand-off that would otherwise delay every exit by a wake-up of that thread. Only an exit file's watcher
        // has a key, and only this watch's thread tells those.
        if (entry.key != null) {
            entry.key.cancel();
        }
    }

    /**
     * Every {@link #LIVENESS_CHECK}: a tender gone without an exit file becomes a suspect; once its spawner has had
     * {@link #EXIT_GRACE} to write the file (it writes it after the tender ends), it is finished, or lost.
     */
    private void checkLiveness() {
        long now = System.nanoTime();
        if (now >= nextLivenessCheck) {
            nextLivenessCheck = now + LIVENESS_CHECK.toNanos();
            for (Watched entry : watched.values()) {
                if (!entry.process.map(ProcessHandle::isAlive).orElse(false)) {
                    suspects.putIfAbsent(entry, now + EXIT_GRACE.toNanos());
                }
            }
        }
        for (Watched entry : due(suspects, now)) {
            finish(entry, true);
        }
    }

    /** Takes the entries whose time has come out of {@code deadlines}. */
    private static List<Watched> due(Map<Watched, Long> deadlines, long now) {
        List<Watched> due = new ArrayList<>();
        for (Iterator<Map.Entry<Watched, Long>> entries = deadlines.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Watched, Long> entry = entries.next();
            if (entry.getValue() <= now) {
                entries.remove();
                due.add(entry.getKey());
            }
        }
        return due;
    }

    /** The tender ended and its exit status is unknown: its spawner was killed, or the exit file is unreadable. */
    public static final class MonitorLost extends IOException {
        MonitorLost(String message) {
            super(message);
        }
    }

    private static final class Watched {
        final RunDirectory run;
        final ConsoleStream stream;
        final long pid;
        final Instant started;
        /**
         * Whether the spawner that started it tells its exit (not an adopted tender's, nor once that spawner's output
         * ended: its exit file is watched then).
         */
        volatile boolean tellsBySpawner;
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        /** Set by whoever tells the exit, first: the spawner's pipe, the exit file's watch or the liveness check. */
        final AtomicBoolean told = new AtomicBoolean();
        /**
         * The tender as it was when its watch was set up (empty if it had already ended): {@link ProcessHandle#isAlive}
         * then tells it from a later process with its pid by one read of its {@code stat}. The thread's own.
         */
        Optional<ProcessHandle> process = Optional.empty();
        WatchKey key;

        Watched(RunDirectory run, ConsoleStream stream, long pid, Instant started, boolean tellsBySpawner) {
            this.run = run;
            this.stream = stream;
            this.pid = pid;
            this.started = started;
            this.tellsBySpawner = tellsBySpawner;
        }

        void closeQuietly() {
            if (key != null) {
                key.cancel();
            }
            stream.fifo().close();
        }
    }
}

package org.albatross.vmm;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the consoles and notices the ends of every tender the spawner started, on one thread
 * ({@code albatross-monitors}) plus the JDK's one file-watching thread, however many tenders run.
 *
 * <p>Consoles are polled: Linux raises no inotify event on a directory for a write to a FIFO in it (checked on
 * 6.18), and the JDK has no selectable FIFO, so a poll asks a FIFO how many bytes wait ({@code FIONREAD}, never
 * blocks) and reads those. Each FIFO is polled on its own schedule: {@link #BUSY_POLL} after it had output, then
 * twice as long after each quiet poll, up to {@link #QUIET_POLL}. A console that is printing is read within
 * milliseconds; one quiet for a while is read at most as late as it has been quiet, and never more than
 * {@link #QUIET_POLL} late, which keeps a thousand idle consoles to a thousand polls a second (docs/console.md).
 * A console may be polled up to a quarter of its interval early, so that quiet ones are polled in batches rather
 * than waking the thread once each; otherwise the thread sleeps until the next poll is due. A new console wakes it,
 * and is polled at once. The exit file appearing wakes the thread at once too (inotify on the run directory); a
 * tender whose spawner died without writing one is found by the liveness check every {@link #LIVENESS_CHECK}, and
 * given {@link #EXIT_GRACE} to write it.
 */
public final class MonitorWatch implements AutoCloseable {
    static final Duration BUSY_POLL = Duration.ofMillis(2);
    static final Duration QUIET_POLL = Duration.ofSeconds(1);
    static final Duration LIVENESS_CHECK = Duration.ofSeconds(10);
    /** Long, as a spawner on a loaded machine may wait for the CPU between its tender's end and its exit line. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(MonitorWatch.class);
    /** How much one poll reads from one FIFO at most, so that a chatty tender cannot starve the others. */
    private static final int READ_PER_POLL = 256 * 1024;

    private final WatchService exits;
    private final Map<Path, Watched> watched = new ConcurrentHashMap<>();
    /** Consoles watched since the thread last looked: it schedules them. */
    private final Queue<Watched> arriving = new ConcurrentLinkedQueue<>();
    /** Every watched console by the time of its next poll; the thread's own. */
    private final PriorityQueue<Watched> schedule = new PriorityQueue<>(Comparator.comparingLong(entry -> entry.due));
    /** Tenders found gone without an exit file, by when their spawner has had {@link #EXIT_GRACE} to write one. */
    private final Map<Watched, Long> suspects = new HashMap<>();
    private final Thread thread;
    private final byte[] buffer = new byte[64 * 1024];
    private volatile boolean closed;
    private long nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK.toNanos();
    /** Whether the thread waits for its next round, and may be woken (by an interrupt, then only). */
    private boolean waiting;

    private MonitorWatch(WatchService exits) {
        this.exits = exits;
        this.thread = new Thread(this::run, "albatross-monitors");
        thread.setDaemon(true);
    }

    public static MonitorWatch start() throws IOException {
        MonitorWatch watch = new MonitorWatch(FileSystems.getDefault().newWatchService());
        watch.thread.start();
        return watch;
    }

    /**
     * Opens the console FIFO in {@code run} before its tender starts: the pipe keeps its contents only while some
     * process has it open, so a tender that ends at once would otherwise take its whole console with it.
     */
    public static OpenConsole open(RunDirectory run) throws IOException {
        // Read-write, so that opening never waits for a writer.
        return new OpenConsole(run, new RandomAccessFile(run.console().toFile(), "rw"));
    }

    /**
     * Reads {@code fifo} from now on, line by line into {@code console} (on this watch's thread), until the spawner
     * has written the exit file; the FIFO is closed then. Returns at once: the exit file's watch is set up on this
     * watch's thread, so that the caller (the launch) does not wait for the JDK's file-watching thread to take it, a
     * hand-off that costs milliseconds on a loaded machine.
     *
     * @param pid and {@code started} identify the tender, for the liveness check
     * @return the tender's status as the spawner recorded it (its exit code, or 128 + the signal), completed once
     *     the console has been read to the end; {@link MonitorLost} when the tender is gone and no exit was recorded
     */
    public CompletableFuture<Integer> watch(OpenConsole fifo, long pid, Instant started, Consumer<String> console) {
        Watched entry = new Watched(fifo, pid, started, console);
        watched.put(fifo.run.path(), entry);
        arriving.add(entry);
        wakeUp();
        return entry.exit;
    }

    /** How many tenders are watched now. */
    public int size() {
        return watched.size();
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
        // Tenders go on running (a daemon that leaves them); their futures stay open, nobody waits for them now.
        watched.values().forEach(Watched::closeQuietly);
        watched.clear();
    }

    private void run() {
        while (!closed) {
            try {
                WatchKey key = awaitRound();
                for (; key != null; key = exits.poll()) {
                    markEnded(key);
                }
                schedule();
                pollDue();
                checkLiveness();
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("the monitor watch failed a round; it goes on", e);
            }
        }
    }

    /**
     * Sleeps until the next poll, liveness check or suspect's grace is due, an exit file appears ({@code key}), or
     * {@link #wakeUp} (a new console). The interrupt that wakes the thread can only come while it waits here, so it
     * never reaches the rest of a round.
     */
    private WatchKey awaitRound() {
        long now = System.nanoTime();
        long next = nextLivenessCheck;
        if (!schedule.isEmpty()) {
            next = Math.min(next, schedule.peek().earliest());
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

    /** An exit file appeared or was written: its console is read to the end and the tender's exit completed now. */
    private void markEnded(WatchKey key) {
        Watched entry = watched.get((Path) key.watchable());
        for (WatchEvent<?> event : key.pollEvents()) {
            if (entry != null && entry.run.exitFile().getFileName().equals(event.context())) {
                entry.ended = true;
                if (schedule.remove(entry)) {
                    finish(entry, false);
                }
            }
        }
        key.reset();
    }

    /** Consoles watched since the last round: polled right away, or finished if their tender has ended. */
    private void schedule() {
        long now = System.nanoTime();
        for (Watched entry = arriving.poll(); entry != null; entry = arriving.poll()) {
            watchExit(entry);
            if (entry.ended) {
                finish(entry, false);
            } else {
                entry.due = now;
                schedule.add(entry);
            }
        }
    }

    /**
     * Watches the run directory of a new entry for its exit file and looks up its tender; a tender that ended already
     * is found by its exit file, or by the liveness check if even the watch fails.
     */
    private void watchExit(Watched entry) {
        entry.process = TenderIdentity.handle(entry.pid, entry.started);
        try {
            // A modification too: a tender an earlier version's shell monitor started has its exit file created, then
            // written (the spawner renames a whole one into place).
            entry.key = entry.run.path().register(exits, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            LOG.warn("cannot watch {} for the exit of process {} ({}): the liveness check finds it, within {}",
                    entry.run, entry.pid, e.getMessage(), LIVENESS_CHECK.plus(EXIT_GRACE));
        }
        // The exit may have been written before the directory was watched.
        if (Files.exists(entry.run.exitFile())) {
            entry.ended = true;
        }
    }

    /** Polls every console whose time has come, and schedules its next poll by whether it had output. */
    private void pollDue() {
        long now = System.nanoTime();
        while (!schedule.isEmpty() && schedule.peek().earliest() <= now) {
            Watched entry = schedule.poll();
            if (entry.ended) {
                finish(entry, false);
                continue;
            }
            boolean output = entry.drain(buffer, READ_PER_POLL);
            entry.interval = output ? BUSY_POLL.toNanos() : Math.min(2 * entry.interval, QUIET_POLL.toNanos());
            entry.due = now + entry.interval;
            schedule.add(entry);
        }
    }

    /**
     * Delivers the rest of the console and the status once the spawner has written its whole exit line (an entry
     * no longer scheduled). Until then the entry is looked at again after {@link #BUSY_POLL}; on the
     * {@code lastChance}, its spawner's grace over, the tender is lost instead.
     */
    private void finish(Watched entry, boolean lastChance) {
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
            entry.interval = BUSY_POLL.toNanos();
            entry.due = System.nanoTime() + entry.interval;
            schedule.add(entry);
        }
    }

    private void end(Watched entry, Runnable outcome) {
        entry.drain(buffer, Integer.MAX_VALUE);
        entry.lines.finish(entry.console);
        watched.remove(entry.run.path());
        suspects.remove(entry);
        entry.closeQuietly();
        outcome.run();
    }

    /**
     * Every {@link #LIVENESS_CHECK}: a tender gone without an exit file becomes a suspect; once its spawner has had
     * {@link #EXIT_GRACE} to write the file (it writes it after the tender ends), it is finished, or lost.
     */
    private void checkLiveness() {
        long now = System.nanoTime();
        if (now >= nextLivenessCheck) {
            nextLivenessCheck = now + LIVENESS_CHECK.toNanos();
            for (Watched entry : schedule) {
                if (!entry.process.map(ProcessHandle::isAlive).orElse(false)) {
                    suspects.putIfAbsent(entry, now + EXIT_GRACE.toNanos());
                }
            }
        }
        for (Iterator<Map.Entry<Watched, Long>> due = suspects.entrySet().iterator(); due.hasNext(); ) {
            Map.Entry<Watched, Long> suspect = due.next();
            if (suspect.getValue() > now) {
                continue;
            }
            due.remove();
            Watched entry = suspect.getKey();
            if (schedule.remove(entry)) {
                finish(entry, true);
            }
        }
    }

    /** The tender ended and its exit status is unknown: its spawner was killed, or the exit file is unreadable. */
    public static final class MonitorLost extends IOException {
        MonitorLost(String message) {
            super(message);
        }
    }

    /** A console FIFO the daemon holds open; closing it before it is watched drops what the tender wrote. */
    public static final class OpenConsole implements AutoCloseable {
        private final RunDirectory run;
        private final RandomAccessFile fifo;
        // FileInputStream.available() is FIONREAD on a FIFO: how many bytes a read gets without blocking.
        private final FileInputStream in;

        private OpenConsole(RunDirectory run, RandomAccessFile fifo) throws IOException {
            this.run = run;
            this.fifo = fifo;
            this.in = new FileInputStream(fifo.getFD());
        }

        @Override
        public void close() {
            try {
                fifo.close();
            } catch (IOException e) {
                LOG.warn("closing the console FIFO {} failed: {}", run.console(), e.getMessage());
            }
        }
    }

    private static final class Watched {
        final RunDirectory run;
        final long pid;
        final Instant started;
        /**
         * The tender as it was when its watch was set up (empty if it had already ended): {@link ProcessHandle#isAlive}
         * then tells it from a later process with its pid by one read of its {@code stat}. This thread's own.
         */
        Optional<ProcessHandle> process = Optional.empty();
        final OpenConsole fifo;
        final FileInputStream in;
        final Consumer<String> console;
        final ConsoleLines lines = new ConsoleLines();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        WatchKey key;
        volatile boolean ended;
        /** When the next poll is due ({@link System#nanoTime}), and how long after the previous one it comes. */
        long due;
        long interval = BUSY_POLL.toNanos();

        /** The earliest the next poll may come: a quarter of the interval before it is due. */
        long earliest() {
            return due - interval / 4;
        }

        Watched(OpenConsole fifo, long pid, Instant started, Consumer<String> console) {
            this.run = fifo.run;
            this.pid = pid;
            this.started = started;
            this.fifo = fifo;
            this.in = fifo.in;
            this.console = console;
        }

        boolean drain(byte[] buffer, int limit) {
            int total = 0;
            try {
                for (int waiting = in.available(); waiting > 0 && total < limit; waiting = in.available()) {
                    int n = in.read(buffer, 0, Math.min(waiting, buffer.length));
                    if (n <= 0) {
                        break;
                    }
                    lines.feed(buffer, n, console);
                    total += n;
                }
            } catch (IOException e) {
                LOG.warn("reading the console FIFO {} failed: {}", run.console(), e.getMessage());
            }
            return total > 0;
        }

        void closeQuietly() {
            if (key != null) {
                key.cancel();
            }
            fifo.close();
        }
    }
}

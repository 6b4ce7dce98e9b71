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
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the consoles and notices the ends of every tender run by the monitor script, on one thread
 * ({@code albatross-monitors}) plus the JDK's one file-watching thread, however many tenders run.
 *
 * <p>Consoles are polled: Linux raises no inotify event for a write to a FIFO (checked on 6.18), and the JDK has no
 * selectable FIFO, so each sweep asks every FIFO how many bytes wait ({@code FIONREAD}, never blocks) and reads
 * those. A sweep that found output is followed by the next one after {@link #BUSY_SWEEP}, an idle one after
 * {@link #IDLE_SWEEP}. The exit file appearing wakes the thread at once (inotify on the run directory); a tender
 * whose monitor died without writing one is found by the liveness check every {@link #LIVENESS_CHECK}.
 */
public final class MonitorWatch implements AutoCloseable {
    static final Duration BUSY_SWEEP = Duration.ofMillis(2);
    static final Duration IDLE_SWEEP = Duration.ofMillis(25);
    static final Duration LIVENESS_CHECK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(MonitorWatch.class);
    /** How much one sweep reads from one FIFO at most, so that a chatty tender cannot starve the others. */
    private static final int READ_PER_SWEEP = 256 * 1024;

    private final WatchService exits;
    private final Map<Path, Watched> watched = new ConcurrentHashMap<>();
    private final Thread thread;
    private final byte[] buffer = new byte[64 * 1024];
    private volatile boolean closed;
    private long lastLivenessCheck = System.nanoTime();

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
     * Opens the console FIFO in {@code files} before its tender starts: the pipe keeps its contents only while some
     * process has it open, so a tender that ends at once would otherwise take its whole console with it.
     */
    public static OpenConsole open(RunDirectory run) throws IOException {
        // Read-write, so that opening never waits for a writer.
        return new OpenConsole(run, new RandomAccessFile(run.console().toFile(), "rw"));
    }

    /**
     * Reads {@code fifo} from now on, line by line into {@code console} (on this watch's thread), until the monitor
     * has written the exit file; the FIFO is closed then.
     *
     * @param pid and {@code started} identify the tender, for the liveness check
     * @return the tender's status as the monitor recorded it (its exit code, or 128 + the signal), completed once
     *     the console has been read to the end; {@link MonitorLost} when the tender is gone and no exit was recorded
     */
    public CompletableFuture<Integer> watch(OpenConsole fifo, long pid, Instant started, Consumer<String> console)
            throws IOException {
        RunDirectory run = fifo.run;
        Watched entry = new Watched(fifo, pid, started, console);
        try {
            // A modification too: the monitor creates the exit file, then writes its line.
            entry.key = run.path().register(exits, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            fifo.close();
            throw e;
        }
        watched.put(run.path(), entry);
        // The exit may have been written before the directory was watched.
        if (Files.exists(run.exitFile())) {
            entry.ended = true;
        }
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
            exits.close();
        } catch (IOException e) {
            LOG.warn("closing the exit watch failed: {}", e.getMessage());
        }
        thread.interrupt();
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
        boolean busy = false;
        while (!closed) {
            try {
                WatchKey key = exits.poll((busy ? BUSY_SWEEP : IDLE_SWEEP).toNanos(), TimeUnit.NANOSECONDS);
                for (; key != null; key = exits.poll()) {
                    markEnded(key);
                }
                busy = sweep();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("the monitor watch failed a sweep; it goes on", e);
            }
        }
    }

    private void markEnded(WatchKey key) {
        Watched entry = watched.get((Path) key.watchable());
        for (WatchEvent<?> event : key.pollEvents()) {
            if (entry != null && entry.run.exitFile().getFileName().equals(event.context())) {
                entry.ended = true;
            }
        }
        key.reset();
    }

    /** One pass over every FIFO; true when any had output, or an exit line is still being written. */
    private boolean sweep() {
        boolean checkLiveness = System.nanoTime() - lastLivenessCheck >= LIVENESS_CHECK.toNanos();
        if (checkLiveness) {
            lastLivenessCheck = System.nanoTime();
        }
        boolean busy = false;
        for (Watched entry : List.copyOf(watched.values())) {
            busy |= entry.drain(buffer, READ_PER_SWEEP);
            if (entry.ended) {
                finish(entry);
                busy |= isWatched(entry);
            }
            if (checkLiveness && isWatched(entry)) {
                checkLiveness(entry);
            }
        }
        return busy;
    }

    private boolean isWatched(Watched entry) {
        return watched.get(entry.run.path()) == entry;
    }

    /** Delivers the rest of the console and the status, once the monitor has written the whole exit line. */
    private void finish(Watched entry) {
        OptionalInt status;
        try {
            status = entry.run.exitStatus();
        } catch (IOException e) {
            end(entry, () -> entry.exit.completeExceptionally(new MonitorLost(e.getMessage())));
            return;
        }
        if (status.isPresent()) {
            end(entry, () -> entry.exit.complete(status.getAsInt()));
        }
    }

    private void end(Watched entry, Runnable outcome) {
        entry.drain(buffer, Integer.MAX_VALUE);
        entry.lines.finish(entry.console);
        watched.remove(entry.run.path());
        entry.closeQuietly();
        outcome.run();
    }

    /** A tender gone without a whole exit line gets one more check's time for the monitor to write it. */
    private void checkLiveness(Watched entry) {
        if (TenderIdentity.isRunning(entry.pid, entry.started)) {
            return;
        }
        if (entry.missedOnce) {
            end(entry, () -> entry.exit.completeExceptionally(new MonitorLost("process " + entry.pid + " ended, but "
                    + "its monitor recorded no exit status in " + entry.run.exitFile() + " (the monitor was killed?)")));
        } else {
            entry.missedOnce = true;
        }
    }

    /** The tender ended and its exit status is unknown: its monitor was killed, or the exit file is unreadable. */
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
        final OpenConsole fifo;
        final FileInputStream in;
        final Consumer<String> console;
        final ConsoleLines lines = new ConsoleLines();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        WatchKey key;
        volatile boolean ended;
        boolean missedOnce;

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

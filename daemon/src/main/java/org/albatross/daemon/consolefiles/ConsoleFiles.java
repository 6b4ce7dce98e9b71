package org.albatross.daemon.consolefiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.albatross.console.ConsoleJournal;
import org.albatross.console.ConsoleLine;
import org.albatross.protocol.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every unikernel's console in its files (see {@link ConsoleDirectory}) from a thread of its own, so that the
 * thread reading the consoles never waits for a disk: what it is told goes into one queue, in order, and the lines
 * waiting there are at most {@link #PENDING_LINES}. A line that finds the queue full is dropped from the files (it
 * stays in the ring) and counted; so is every line while the files cannot be written (a full disk), which is logged
 * once and tried again every {@link #RETRY}. Opening, closing and forgetting a console are never dropped.
 *
 * <p>A unikernel's files take at most {@code bytesPerUnikernel}: its current file is made the previous one (replacing
 * that) before a line would take it beyond half of it.
 */
public final class ConsoleFiles implements ConsoleJournal, AutoCloseable {
    /** Lines waiting to be written, at most: 8,192 lines are some 40 ms of a console writing 200,000 a second. */
    static final int PENDING_LINES = 8192;
    /** How long the files rest after a write failed, before the next line tries again. */
    static final Duration RETRY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFiles.class);
    private static final Duration REPORT = Duration.ofMinutes(1);
    private static final int BATCH = 1024;

    private final ConsoleDirectory directory;
    private final long rotateAt;
    private final LongSupplier nanoTime;
    private final LinkedBlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingLines = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    // Only the writer thread touches these.
    private final Map<Name, OpenFile> open = new HashMap<>();
    private boolean failing;
    private long nextTry;
    private long droppedReported;
    private long reportedAt;

    private ConsoleFiles(ConsoleDirectory directory, long bytesPerUnikernel, LongSupplier nanoTime) {
        if (bytesPerUnikernel < 2L * ConsoleFileFormat.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a unikernel's console files need room for two lines of "
                    + ConsoleFileFormat.MAX_RECORD_BYTES + " bytes at least, not " + bytesPerUnikernel);
        }
        this.directory = directory;
        this.rotateAt = bytesPerUnikernel / 2;
        this.nanoTime = nanoTime;
        this.reportedAt = nanoTime.getAsLong() - REPORT.toNanos();
        this.writer = new Thread(this::run, "console-files");
        this.writer.setDaemon(true);
    }

    /**
     * The console files under {@code dbdir/consoles} (made if missing), written from now on.
     *
     * @param bytesPerUnikernel the most one unikernel's files take
     */
    public static ConsoleFiles start(java.nio.file.Path dbdir, long bytesPerUnikernel) throws IOException {
        return start(ConsoleDirectory.open(dbdir), bytesPerUnikernel, System::nanoTime);
    }

    static ConsoleFiles start(ConsoleDirectory directory, long bytesPerUnikernel, LongSupplier nanoTime) {
        ConsoleFiles files = new ConsoleFiles(directory, bytesPerUnikernel, nanoTime);
        files.writer.start();
        return files;
    }

    /** Where the files are. */
    public java.nio.file.Path directory() {
        return directory.directory();
    }

    /**
     * The consoles kept here, each with its last {@code lines} lines, in the order their unikernels last wrote,
     * oldest first: what a starting daemon restores. Read on the caller's thread; damaged lines are skipped and
     * logged.
     */
    public List<KeptConsole> kept(int lines) throws IOException {
        List<KeptConsole> kept = new ArrayList<>();
        for (ConsoleDirectory.Kept files : directory.kept()) {
            ConsoleFileFormat.Read read = directory.last(files, lines);
            if (read.damaged() > 0) {
                LOG.warn("console files of {}: {} damaged lines skipped", files.name(), read.damaged());
            }
            kept.add(new KeptConsole(files.name(), read.lines()));
        }
        return kept;
    }

    /** A console found in the files: its name and its last lines, oldest first. */
    public record KeptConsole(Name name, List<ConsoleLine> lines) {
    }

    /** The names whose files are here now (an operator prunes a console by deleting its files). */
    public java.util.Set<Name> names() throws IOException {
        java.util.Set<Name> names = new java.util.HashSet<>();
        for (ConsoleDirectory.Kept files : directory.kept()) {
            names.add(files.name());
        }
        return names;
    }

    /** Lines that did not go to the files (the queue was full, or the files could not be written). */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void opened(Name name) {
        tasks.add(new Task.Open(name));
    }

    @Override
    public void append(Name name, ConsoleLine line) {
        if (pendingLines.incrementAndGet() > PENDING_LINES) {
            pendingLines.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        tasks.add(new Task.Append(name, line));
    }

    @Override
    public void closed(Name name) {
        tasks.add(new Task.Close(name));
    }

    @Override
    public void forget(Name name) {
        tasks.add(new Task.Forget(name));
    }

    /** Writes what is queued, closes every file and ends the writer thread. */
    @Override
    public void close() {
        tasks.add(new Task.Stop());
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private sealed interface Task {
        record Open(Name name) implements Task {
        }

        record Append(Name name, ConsoleLine line) implements Task {
        }

        record Close(Name name) implements Task {
        }

        record Forget(Name name) implements Task {
        }

        record Stop() implements Task {
        }
    }

    /** A running unikernel's file: its channel and the lines that wait to be written to it. */
    private static final class OpenFile {
        final ByteArrayOutputStream waiting = new ByteArrayOutputStream();
        int waitingLines;
        FileChannel channel;
        long size;
        boolean closed;
    }

    private void run() {
        List<Task> batch = new ArrayList<>(BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(tasks.take());
            } catch (InterruptedException e) {
                break;
            }
            tasks.drainTo(batch, BATCH - 1);
            for (Task task : batch) {
                stopping |= perform(task);
            }
            batch.clear();
            writeWaiting();
            reportDropped();
        }
        open.keySet().forEach(name -> open.get(name).closed = true);
        writeWaiting();
    }

    private boolean perform(Task task) {
        if (task instanceof Task.Append append) {
            pendingLines.decrementAndGet();
            OpenFile file = open.computeIfAbsent(append.name(), name -> new OpenFile());
            if (!writable()) {
                dropped.incrementAndGet();
                return false;
            }
            byte[] record = ConsoleFileFormat.encode(append.line());
            long kept = file.size + file.waiting.size();
            if (kept > 0 && kept + record.length > rotateAt) {
                write(append.name(), file);
                rotate(append.name(), file);
            }
            file.waiting.writeBytes(record);
            file.waitingLines++;
        } else if (task instanceof Task.Open opened) {
            OpenFile file = open.computeIfAbsent(opened.name(), name -> new OpenFile());
            file.closed = false;
            // made now, so that a console that never writes a line is kept as well
            channel(opened.name(), file);
        } else if (task instanceof Task.Close closed) {
            OpenFile file = open.get(closed.name());
            if (file != null) {
                file.closed = true;
            }
        } else if (task instanceof Task.Forget forget) {
            OpenFile file = open.remove(forget.name());
            if (file != null) {
                closeChannel(forget.name(), file);
            }
            try {
                directory.delete(forget.name());
            } catch (IOException e) {
                LOG.warn("console files of {} could not be deleted: {}", forget.name(), e.getMessage());
            }
        } else {
            return true;
        }
        return false;
    }

    /** Writes what waits, and closes the files of unikernels whose output ended. */
    private void writeWaiting() {
        List<Name> ended = new ArrayList<>();
        open.forEach((name, file) -> {
            write(name, file);
            if (file.closed) {
                ended.add(name);
            }
        });
        for (Name name : ended) {
            closeChannel(name, open.remove(name));
        }
    }

    private void write(Name name, OpenFile file) {
        if (file.waiting.size() == 0) {
            return;
        }
        FileChannel channel = channel(name, file);
        if (channel == null) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(file.waiting.toByteArray());
        int lines = file.waitingLines;
        file.waiting.reset();
        file.waitingLines = 0;
        try {
            while (bytes.hasRemaining()) {
                file.size += channel.write(bytes);
            }
            written();
        } catch (IOException e) {
            dropped.addAndGet(lines);
            fail(name, e);
        }
    }

    private void rotate(Name name, OpenFile file) {
        closeChannel(name, file);
        try {
            directory.rotate(name);
        } catch (IOException e) {
            fail(name, e);
        }
    }

    /** The file's channel, opened (and the file made) if need be; null while the files cannot be written. */
    private FileChannel channel(Name name, OpenFile file) {
        if (file.channel == null && writable()) {
            try {
                file.channel = directory.append(name);
                file.size = file.channel.size();
                written();
            } catch (IOException e) {
                fail(name, e);
            }
        }
        return file.channel;
    }

    private void closeChannel(Name name, OpenFile file) {
        if (file.channel == null) {
            return;
        }
        try {
            file.channel.close();
        } catch (IOException e) {
            LOG.warn("console file of {} could not be closed: {}", name, e.getMessage());
        }
        file.channel = null;
        file.size = 0;
    }

    /** Whether the files may be written: always, but after a failure only once {@link #RETRY} has passed. */
    private boolean writable() {
        return !failing || nanoTime.getAsLong() - nextTry >= 0;
    }

    /** A write or open succeeded: after a failure, the files are written again. */
    private void written() {
        if (failing) {
            failing = false;
            droppedReported = dropped.get();
            LOG.info("console files: writing again ({} lines were not written in all)", droppedReported);
        }
    }

    /** The files cannot be written (a full disk, most likely): warned once, what waits is dropped, tried later. */
    private void fail(Name name, IOException e) {
        OpenFile failed = open.get(name);
        if (failed != null) {
            // opened again on the next try: the operator may have made room, or moved the file
            closeChannel(name, failed);
        }
        for (OpenFile file : open.values()) {
            dropped.addAndGet(file.waitingLines);
            file.waiting.reset();
            file.waitingLines = 0;
        }
        if (!failing) {
            LOG.warn("console files: {} could not be written ({}); console lines are kept in memory only until the "
                    + "files can be written again (tried every {} s)", name, e.getMessage(), RETRY.toSeconds());
        }
        failing = true;
        nextTry = nanoTime.getAsLong() + RETRY.toNanos();
    }

    /** Warns of lines dropped because the queue was full, at most once a minute. */
    private void reportDropped() {
        long now = dropped.get();
        long time = nanoTime.getAsLong();
        if (!failing && now > droppedReported && time - reportedAt >= REPORT.toNanos()) {
            LOG.warn("console files: {} lines were not written, the files fell behind the consoles (they are kept in "
                    + "the consoles' memory)", now - droppedReported);
            droppedReported = now;
            reportedAt = time;
        }
    }
}

package org.albatross.console;

import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * Feeds one running unikernel's console output into its ring and the journal: obtained from {@link Consoles#created}
 * or {@link Consoles#started}, used by the one thread that reads the unikernel's output, closed when that output
 * ends. Never blocks: subscribers are only signalled, and read the ring themselves; the journal takes lines without
 * waiting.
 */
public final class ConsoleWriter implements AutoCloseable {
    private final ConsoleLineSplitter splitter = new ConsoleLineSplitter();
    private final UnikernelConsole console;
    private final ConsoleRing ring;
    private final InstantSource clock;
    private final ConsoleJournal journal;
    private final Consumer<ConsoleWriter> onClose;
    private final Consumer<String> append = this::append;
    private Instant readAt;
    private boolean closed;
    // Written only by the writer's thread; volatile so that a metrics thread reads a recent value.
    private volatile long bytesRead;
    private volatile long linesWritten;

    ConsoleWriter(UnikernelConsole console, InstantSource clock, ConsoleJournal journal,
            Consumer<ConsoleWriter> onClose) {
        this.console = console;
        this.ring = console.ring();
        this.clock = clock;
        this.journal = journal;
        this.onClose = onClose;
    }

    /** Adds a chunk of output; its complete lines are stamped with the time of this call. */
    public void write(byte[] chunk, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("the console writer of " + console.name + " is closed");
        }
        readAt = clock.instant();
        bytesRead += length;
        long before = ring.written();
        splitter.feed(chunk, offset, length, append);
        signalIfWritten(before);
    }

    /** Ends the output: a last line without newline is kept, and the console becomes inactive. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        readAt = clock.instant();
        long before = ring.written();
        splitter.finish(append);
        signalIfWritten(before);
        onClose.accept(this);
    }

    /** Bytes of output this writer has read, for metrics; any thread may ask. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Lines this writer has added to the ring (after dropping empty ones), for metrics; any thread may ask. */
    public long linesWritten() {
        return linesWritten;
    }

    UnikernelConsole console() {
        return console;
    }

    private void append(String text) {
        ConsoleLine line = new ConsoleLine(readAt, text);
        ring.append(line);
        journal.append(console.name, line);
    }

    private void signalIfWritten(long before) {
        long written = ring.written() - before;
        if (written > 0) {
            linesWritten += written;
            console.signalSubscribers();
        }
    }
}

package org.albatross.vmm;

import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One console being read: its FIFO, the line being split, and where whole lines go. Its reader's thread's own. */
final class ConsoleStream {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStream.class);
    private final ConsoleFifo fifo;
    private final Consumer<String> sink;
    private final ConsoleLines lines = new ConsoleLines();

    ConsoleStream(ConsoleFifo fifo, Consumer<String> sink) {
        this.fifo = fifo;
        this.sink = sink;
    }

    ConsoleFifo fifo() {
        return fifo;
    }

    /** Reads what waits, at most about {@code limit} bytes, and hands on its whole lines: whether there was any. */
    boolean drain(byte[] buffer, int limit) {
        int total = 0;
        try {
            for (int read = fifo.read(buffer); read > 0; read = total < limit ? fifo.read(buffer) : 0) {
                lines.feed(buffer, read, sink);
                total += read;
            }
        } catch (IOException e) {
            LOG.warn("reading the console FIFO {} failed: {}", fifo.path(), e.getMessage());
        }
        return total > 0;
    }

    /** Reads the rest, hands on a last line without a newline too, and closes the FIFO. */
    void end(byte[] buffer) {
        drain(buffer, Integer.MAX_VALUE);
        lines.finish(sink);
        fifo.close();
    }
}

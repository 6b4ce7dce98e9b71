package org.albatross.vmm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a tender's console bytes into lines (without the newline or a carriage return before it) as they come; a
 * line longer than {@link #MAX_LINE_BYTES} is cut there. A consumer that throws is logged, and splitting goes on.
 */
final class ConsoleLines {
    static final int MAX_LINE_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLines.class);

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    void feed(byte[] chunk, int length, Consumer<String> console) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (chunk[i] == '\n') {
                line.write(chunk, start, i - start);
                emit(console);
                start = i + 1;
            } else if (line.size() + i - start >= MAX_LINE_BYTES) {
                line.write(chunk, start, i - start);
                emit(console);
                start = i;
            }
        }
        line.write(chunk, start, length - start);
    }

    /** Delivers a last line that has no newline. */
    void finish(Consumer<String> console) {
        if (line.size() > 0) {
            emit(console);
        }
    }

    private void emit(Consumer<String> console) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            console.accept(text);
        } catch (RuntimeException e) {
            LOG.warn("a console consumer failed on a line; reading goes on", e);
        }
    }
}

package org.albatross.client;

import java.io.PrintWriter;
import java.util.OptionalLong;

/**
 * How far a long transfer has got, on one line of standard error redrawn in place: a bar and a percentage when the
 * size is known (an upload), the MiB so far when it is not (a block dump). Nothing is drawn until a transfer is over
 * {@link #THRESHOLD}, as a smaller one is over before a bar would be read, and nothing at all unless standard error
 * is a terminal ({@link Output#progress}).
 */
final class TransferProgress {
    /** Smaller transfers are over before a bar would be read. */
    static final long THRESHOLD = 1024 * 1024;
    private static final int WIDTH = 40;
    private static final long MIB = 1024 * 1024;
    private static final TransferProgress SILENT = new TransferProgress(null, OptionalLong.empty());

    private final PrintWriter err;
    private final OptionalLong total;
    private long done;
    private String shown = "";

    private TransferProgress(PrintWriter err, OptionalLong total) {
        this.err = err;
        this.total = total;
    }

    /** Progress drawn on {@code err}, for a transfer of {@code total} bytes if known. */
    static TransferProgress drawnOn(PrintWriter err, OptionalLong total) {
        return new TransferProgress(err, total);
    }

    /** Progress that draws nothing, where standard error is not a terminal. */
    static TransferProgress silent() {
        return SILENT;
    }

    /**
     * The line that shows {@code done} bytes of {@code total}, or "" while there is nothing worth drawing: for a known
     * size, a bar and the percentage; for an unknown one, whole MiB so far.
     */
    static String line(long done, OptionalLong total) {
        if (total.isPresent()) {
            if (total.getAsLong() <= THRESHOLD) {
                return "";
            }
            int percent = (int) Math.min(100, done * 100 / total.getAsLong());
            int filled = percent * WIDTH / 100;
            return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "% of "
                    + (total.getAsLong() + 1023) / 1024 + " KiB";
        }
        return done > THRESHOLD ? done / MIB + " MiB received" : "";
    }

    /** {@code bytes} more have gone; the line is redrawn if what it says has changed. */
    void advance(long bytes) {
        if (err == null || bytes <= 0) {
            return;
        }
        done += bytes;
        String line = line(done, total);
        if (!line.equals(shown)) {
            // the new line is never shorter than the one it overwrites: the same width, or more digits
            err.print("\r" + line);
            err.flush();
            shown = line;
        }
    }

    /** Ends the line, if one was drawn, so that what follows starts on a line of its own. */
    void finish() {
        if (err != null && !shown.isEmpty()) {
            err.println();
            err.flush();
            shown = "";
        }
    }
}

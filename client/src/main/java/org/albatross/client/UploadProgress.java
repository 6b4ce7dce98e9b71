package org.albatross.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * A progress bar on standard error for an upload over {@link #THRESHOLD} bytes, redrawn in place when the percentage
 * changes; only on a terminal, so that piped output stays clean.
 */
final class UploadProgress extends FilterInputStream {
    /** Smaller uploads are over before a bar would be read. */
    static final long THRESHOLD = 1024 * 1024;
    private static final int WIDTH = 40;

    private final long total;
    private final PrintWriter err;
    private long sent;
    private int shownPercent = -1;

    private UploadProgress(InputStream in, long total, PrintWriter err) {
        super(in);
        this.total = total;
        this.err = err;
    }

    /** {@code data} with a bar when {@code terminal} and {@code total} is over the threshold, else as it is. */
    static InputStream around(InputStream data, long total, PrintWriter err, boolean terminal) {
        return terminal && total > THRESHOLD ? new UploadProgress(data, total, err) : data;
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        advance(read < 0 ? -1 : 1);
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        advance(read);
        return read;
    }

    private void advance(int read) {
        if (read < 0) {
            return;
        }
        sent += read;
        int percent = (int) Math.min(100, sent * 100 / total);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "% of "
                + (total + 1023) / 1024 + " KiB");
        if (percent == 100) {
            err.println();
        }
        err.flush();
    }
}

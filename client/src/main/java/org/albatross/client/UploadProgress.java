package org.albatross.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Data being uploaded, drawing its {@link TransferProgress} as it is read; the line ends when the data does. */
final class UploadProgress extends FilterInputStream {
    private final TransferProgress progress;

    UploadProgress(InputStream in, TransferProgress progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        count(read < 0 ? -1 : 1);
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        count(read);
        return read;
    }

    private void count(int read) {
        if (read < 0) {
            progress.finish();
        } else {
            progress.advance(read);
        }
    }
}

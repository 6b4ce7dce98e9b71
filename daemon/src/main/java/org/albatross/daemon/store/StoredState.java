package org.albatross.daemon.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A state file that passed its integrity check: its format version and where the state lies in it. Read whole when
 * it is small ({@link #bytes}); streamed when it is of the format that held every image ({@link #stream}).
 */
public final class StoredState {
    private final Path file;
    private final StateFile.Intact intact;

    StoredState(Path file, StateFile.Intact intact) {
        this.file = file;
        this.intact = intact;
    }

    /** Whether this is the format of earlier daemons, with every image inside (to be converted). */
    public boolean holdsImages() {
        return intact.version() == StateFile.VERSION_WITH_IMAGES;
    }

    public Path file() {
        return file;
    }

    /** How many bytes the state has. */
    public long length() {
        return intact.length();
    }

    /** The state's bytes, for a state of the current format (a few hundred bytes per unikernel). */
    public byte[] bytes() throws IOException {
        if (intact.length() > Integer.MAX_VALUE - 8) {
            throw new IOException("the state in " + file + " has " + intact.length() + " bytes, too many to read whole");
        }
        ByteBuffer state = ByteBuffer.allocate((int) intact.length());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            StateFile.Source.of(channel).read(intact.offset(), state);
        }
        return state.array();
    }

    /** The state's bytes as a stream, for a large one; the caller closes it. */
    public InputStream stream() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(intact.offset());
        InputStream all = Channels.newInputStream(channel);
        return new InputStream() {
            private long left = intact.length();

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = all.read();
                left -= b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int read = all.read(into, offset, (int) Math.min(length, left));
                left -= Math.max(read, 0);
                return read;
            }

            @Override
            public void close() throws IOException {
                all.close();
            }
        };
    }
}

package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The on-disk form of the daemon's state: {@code "ALBSTATE"}, a 4-byte format version, the 4-byte length of the
 * state, the state, then a CRC-32C of everything before it. A torn write (too short), a foreign file (no magic) and a
 * flipped bit (checksum) are all told apart. Version {@value #VERSION} refers to images by digest; version
 * {@value #VERSION_WITH_IMAGES}, written by earlier daemons, holds every image and can be large, so a file is checked
 * in pieces, never read whole. The checks are pure over a {@link Source}.
 */
final class StateFile {
    /** The state with images by reference, which this daemon writes. */
    static final int VERSION = 2;
    /** The state with every image inline, which earlier daemons wrote; read to be converted. */
    static final int VERSION_WITH_IMAGES = 1;
    private static final byte[] MAGIC = "ALBSTATE".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Integer.BYTES + Integer.BYTES;
    private static final int TRAILER = Integer.BYTES;
    private static final int CHUNK = 64 * 1024;

    private StateFile() {
    }

    /** What checking a state file found. */
    sealed interface Contents {
    }

    /** The state of format {@code version} lies at bytes {@code offset} to {@code offset + length} of the file. */
    record Intact(int version, long offset, long length) implements Contents {
    }

    /** {@code problem} says what is wrong in words an operator can read. */
    record Damaged(String problem) implements Contents {
    }

    /** Random access to a file's bytes: the file itself, or bytes in memory. */
    interface Source {
        long size() throws IOException;

        /** Fills {@code into} from {@code position}; the bytes are there, as {@link #size} says. */
        void read(long position, ByteBuffer into) throws IOException;

        static Source of(byte[] bytes) {
            return new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public void read(long position, ByteBuffer into) {
                    into.put(bytes, (int) position, into.remaining());
                }
            };
        }

        static Source of(FileChannel channel) {
            return new Source() {
                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public void read(long position, ByteBuffer into) throws IOException {
                    for (long at = position; into.hasRemaining(); ) {
                        int read = channel.read(into, at);
                        if (read < 0) {
                            throw new IOException("the state file ended while it was read");
                        }
                        at += read;
                    }
                }
            };
        }
    }

    static byte[] wrap(byte[] state) {
        ByteBuffer file = ByteBuffer.allocate(HEADER + state.length + TRAILER);
        file.put(MAGIC).putInt(VERSION).putInt(state.length).put(state);
        file.putInt(checksum(file.array(), file.position()));
        return file.array();
    }

    static Contents check(Source file) throws IOException {
        long size = file.size();
        ByteBuffer header = ByteBuffer.allocate((int) Math.min(size, HEADER));
        file.read(0, header);
        byte[] start = header.array();
        if (start.length < MAGIC.length || !Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Damaged("it does not start with the state file marker \"ALBSTATE\"");
        }
        if (size < HEADER + TRAILER) {
            return new Damaged("it is cut short: " + size + " bytes, not even a header");
        }
        int version = header.getInt(MAGIC.length);
        if (version != VERSION && version != VERSION_WITH_IMAGES) {
            return new Damaged("its format version is " + version + ", this daemon reads versions "
                    + VERSION_WITH_IMAGES + " and " + VERSION);
        }
        long length = Integer.toUnsignedLong(header.getInt(MAGIC.length + Integer.BYTES));
        long expected = HEADER + length + TRAILER;
        if (size != expected) {
            return new Damaged("its header announces " + length + " bytes of state, so " + expected
                    + " bytes in all, but the file has " + size + " (torn or truncated write)");
        }
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
        file.read(size - TRAILER, trailer);
        int stored = trailer.getInt(0);
        int computed = checksum(file, size - TRAILER);
        if (stored != computed) {
            return new Damaged(String.format("its CRC-32C is %08x but its content sums to %08x (corrupted)",
                    stored, computed));
        }
        return new Intact(version, HEADER, length);
    }

    /** The state in a file held in memory, checked; for tests and small files. */
    static Contents unwrap(byte[] file) {
        try {
            return check(Source.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("bytes in memory cannot fail to read", e);
        }
    }

    private static int checksum(Source file, long length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        for (long at = 0; at < length; at += chunk.limit()) {
            chunk.clear().limit((int) Math.min(CHUNK, length - at));
            file.read(at, chunk);
            crc.update(chunk.flip());
        }
        return (int) crc.getValue();
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}

package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.albatross.protocol.Octets;

/**
 * Data a client sends in chunks (an image, a block device's content), written to a new file as it arrives: inflated
 * first when it comes zlib-compressed, and refused as soon as what would be written exceeds a cap, so that a small
 * compressed message can never fill the heap or the disk beyond what the cap allows. An image's SHA-256 is computed on
 * the way ({@link #digested}); a block device's content, which nothing names by its digest, is not hashed. The one
 * place where the daemon inflates what a client sent. Used by one thread at a time.
 */
public final class IncomingFile implements AutoCloseable {
    private static final int INFLATE_BUFFER = 64 * 1024;
    private static final int WRITE_SLICE = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final Inflater inflater;
    private final long maxBytes;
    private final String tooLarge;
    /** Absent for data whose digest nobody asks for. */
    private final Optional<Sha256> sha256;
    private final byte[] inflated;
    private long size;

    private IncomingFile(Path file, FileChannel channel, boolean compressed, long maxBytes, String tooLarge,
            Optional<Sha256> sha256) {
        this.file = file;
        this.channel = channel;
        this.inflater = compressed ? new Inflater() : null;
        this.inflated = compressed ? new byte[INFLATE_BUFFER] : null;
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
        this.sha256 = sha256;
    }

    /**
     * A new file at {@code file} (which must not exist), with the daemon's private file mode.
     *
     * @param maxBytes the most that may be written (after inflating)
     * @param tooLarge the refusal of more, in words a client can act on: e.g. "data exceeds block size"
     */
    public static IncomingFile create(Path file, boolean compressed, long maxBytes, String tooLarge)
            throws IOException {
        return open(file, compressed, maxBytes, tooLarge, Optional.empty());
    }

    /** As {@link #create}, with the SHA-256 of what is written computed on the way ({@link #finish} gives it). */
    public static IncomingFile digested(Path file, boolean compressed, long maxBytes, String tooLarge)
            throws IOException {
        return open(file, compressed, maxBytes, tooLarge, Optional.of(Sha256.start()));
    }

    private static IncomingFile open(Path file, boolean compressed, long maxBytes, String tooLarge,
            Optional<Sha256> sha256) throws IOException {
        FileChannel channel = PrivateFiles.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new IncomingFile(file, channel, compressed, maxBytes, tooLarge, sha256);
    }

    public Path file() {
        return file;
    }

    /** How many bytes have been written so far (inflated). */
    public long size() {
        return size;
    }

    /**
     * Writes a chunk, inflating it first when the data comes compressed.
     *
     * @throws Refused when the data exceeds the cap or is not zlib; nothing more is written then
     */
    public void write(byte[] chunk, int offset, int length) throws IOException, Refused {
        write(ByteBuffer.wrap(chunk, offset, length));
    }

    /** As {@link #write(byte[], int, int)}, from {@code chunk}'s position to its limit. */
    public void write(ByteBuffer chunk) throws IOException, Refused {
        if (inflater == null) {
            append(chunk);
            return;
        }
        if (inflater.finished()) {
            throw new Refused("broken compressed data: bytes follow the end of the zlib stream");
        }
        inflater.setInput(chunk);
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int produced = inflater.inflate(inflated);
                if (produced == 0 && inflater.needsDictionary()) {
                    throw new Refused("failed to uncompress: the zlib stream needs a preset dictionary");
                }
                append(ByteBuffer.wrap(inflated, 0, produced));
            }
        } catch (DataFormatException e) {
            throw new Refused("failed to uncompress: not a zlib stream (" + e.getMessage() + ")");
        }
    }

    /**
     * All data has arrived: checks that compressed data ended where zlib says and returns the SHA-256 of what was
     * written, if it was {@link #digested}. The file is written but not forced to disk: its owner decides when.
     */
    public Optional<Octets> finish() throws Refused {
        if (inflater != null && !inflater.finished()) {
            throw new Refused("failed to uncompress: the compressed data is cut short after " + size
                    + " inflated bytes");
        }
        return sha256.map(Sha256::finish);
    }

    /** Closes the file, which stays; the caller moves or deletes it. */
    @Override
    public void close() throws IOException {
        if (inflater != null) {
            inflater.end();
        }
        channel.close();
    }

    private void append(ByteBuffer bytes) throws IOException, Refused {
        int length = bytes.remaining();
        if (size + length > maxBytes) {
            throw new Refused(tooLarge);
        }
        sha256.ifPresent(digest -> digest.update(bytes.duplicate()));
        writeAll(channel, bytes);
        size += length;
    }

    /**
     * Writes {@code bytes} (position to limit) to {@code channel}, in slices: the JDK copies a heap buffer into a
     * temporary direct one of its size and keeps that per thread.
     */
    static void writeAll(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            int written = channel.write(bytes.slice().limit(Math.min(bytes.remaining(), WRITE_SLICE)));
            bytes.position(bytes.position() + written);
        }
    }

    /** What the client sent cannot be taken: too large, or not what it claims to be. The message says which. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}

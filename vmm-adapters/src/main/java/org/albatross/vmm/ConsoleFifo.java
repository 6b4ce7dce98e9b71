package org.albatross.vmm;

import io.netty.channel.unix.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tender's console FIFO as the daemon holds it: opened before its tender starts (a pipe keeps its contents only
 * while some process has it open, so a tender that ends at once would otherwise take its whole console with it), for
 * reading and writing (so that opening never waits for a writer, and the tender's end is no end of file: a daemon
 * that comes after reads on where this one stopped), and read without ever blocking.
 */
abstract sealed class ConsoleFifo implements AutoCloseable permits ConsoleFifo.Descriptor, ConsoleFifo.Stream {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFifo.class);
    private final Path path;

    private ConsoleFifo(Path path) {
        this.path = path;
    }

    /** Reads what waits in the FIFO, at most {@code buffer.length} bytes: how many, 0 if nothing waits. */
    abstract int read(byte[] buffer) throws IOException;

    /** Where the FIFO is, for messages. */
    final Path path() {
        return path;
    }

    /** Closes the FIFO; a failure is logged, as nothing waits on it any more. Closing it again does nothing. */
    @Override
    public final void close() {
        try {
            release();
        } catch (IOException e) {
            LOG.warn("closing the console FIFO {} failed: {}", path, e.getMessage());
        }
    }

    abstract void release() throws IOException;

    /** A FIFO opened non-blocking by its own descriptor, which epoll can wait on. */
    static final class Descriptor extends ConsoleFifo {
        private final FileDescriptor descriptor;
        /** Native memory to read into (Netty reads a descriptor into direct buffers only); its reader's, shared. */
        private final ByteBuffer direct;

        Descriptor(Path path, ByteBuffer direct) throws IOException {
            super(path);
            this.descriptor = new FileDescriptor(Fifo.openNonBlocking(path));
            this.direct = direct;
        }

        FileDescriptor descriptor() {
            return descriptor;
        }

        @Override
        int read(byte[] buffer) throws IOException {
            // 0 when nothing waits (EAGAIN); never -1 (end of file), since the daemon holds the writing end too.
            int read = descriptor.read(direct, 0, Math.min(direct.capacity(), buffer.length));
            if (read <= 0) {
                return 0;
            }
            direct.get(0, buffer, 0, read);
            return read;
        }

        @Override
        void release() throws IOException {
            descriptor.close();
        }
    }

    /** A FIFO opened by the JDK's streams, which ask it how many bytes wait ({@code FIONREAD}) before reading. */
    static final class Stream extends ConsoleFifo {
        private final RandomAccessFile fifo;
        // FileInputStream.available() is FIONREAD on a FIFO: how many bytes a read gets without blocking.
        private final FileInputStream in;

        Stream(Path path) throws IOException {
            super(path);
            this.fifo = new RandomAccessFile(path.toFile(), "rw");
            this.in = new FileInputStream(fifo.getFD());
        }

        @Override
        int read(byte[] buffer) throws IOException {
            int waiting = in.available();
            return waiting > 0 ? Math.max(0, in.read(buffer, 0, Math.min(waiting, buffer.length))) : 0;
        }

        @Override
        void release() throws IOException {
            fifo.close();
        }
    }
}

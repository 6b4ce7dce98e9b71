package org.albatross.daemon.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.albatross.daemon.reply.OutboundStream;
import org.albatross.protocol.Data;
import org.albatross.protocol.Octets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block device's data as {@code data block} chunks, then the end marker: read (and zlib-compressed when asked) by
 * a thread of its own, so that file reads never run on an event loop. A few chunks are buffered; the reader waits
 * for the connection to take them, so a slow client holds at most those in memory.
 */
final class BlockDumpStream implements OutboundStream {
    private static final Logger LOG = LoggerFactory.getLogger(BlockDumpStream.class);
    static final int CHUNK_BYTES = 64 * 1024;
    private static final int BUFFERED_CHUNKS = 16;

    private final BlockingQueue<Data> chunks = new ArrayBlockingQueue<>(BUFFERED_CHUNKS);
    private final Thread reader;
    private volatile boolean done;

    /** @param level zlib compression level, 0 for the data as it is */
    BlockDumpStream(Path file, int level, Runnable wakeUp) {
        reader = new Thread(() -> read(file, level, wakeUp), "block-dump-" + file.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Path file, int level, Runnable wakeUp) {
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = level == 0 ? new ChunkOutput(wakeUp)
                        : new DeflaterOutputStream(new ChunkOutput(wakeUp),
                                new Deflater(Math.min(level, Deflater.BEST_COMPRESSION)), CHUNK_BYTES)) {
            in.transferTo(out);
        } catch (IOException e) {
            LOG.warn("dumping {} stopped: {}", file, e.getMessage());
            done = true;
            wakeUp.run();
            return;
        }
        try {
            chunks.put(new Data.BlockEnd());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        done = true;
        wakeUp.run();
    }

    @Override
    public Batch poll(int max) {
        boolean finished = done;
        List<Data> data = new ArrayList<>();
        chunks.drainTo(data, max);
        return new Batch(data, finished && chunks.isEmpty());
    }

    @Override
    public void close() {
        reader.interrupt();
    }

    /** Cuts what is written into chunks and hands them to the connection, waiting while its buffer is full. */
    private final class ChunkOutput extends OutputStream {
        private final Runnable wakeUp;
        private final byte[] chunk = new byte[CHUNK_BYTES];
        private int filled;

        ChunkOutput(Runnable wakeUp) {
            this.wakeUp = wakeUp;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int taken = Math.min(length, CHUNK_BYTES - filled);
                System.arraycopy(bytes, offset, chunk, filled, taken);
                filled += taken;
                offset += taken;
                length -= taken;
                if (filled == CHUNK_BYTES) {
                    flushChunk();
                }
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }

        private void flushChunk() throws IOException {
            if (filled == 0) {
                return;
            }
            try {
                chunks.put(new Data.BlockChunk(Octets.of(Arrays.copyOf(chunk, filled))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the client went away");
            }
            filled = 0;
            wakeUp.run();
        }
    }
}

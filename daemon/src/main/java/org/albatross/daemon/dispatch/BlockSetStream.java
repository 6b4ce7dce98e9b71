package org.albatross.daemon.dispatch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.albatross.daemon.store.AtomicFile;
import org.albatross.daemon.store.PrivateFiles;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Success;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block device's new data arriving from the client (block set): inflated when it comes compressed, written to a
 * temporary file next to the device by a thread of its own, and moved over the device once the stream has ended and
 * its data fits. Until then the device keeps its old data; data beyond the device's size is refused (albatross).
 */
final class BlockSetStream implements InboundStream {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSetStream.class);
    /** Chunks waiting to be written at which the connection pauses reading; it resumes when all are written. */
    private static final int PAUSE_AT = 32;

    private final Path device;
    private final Path incoming;
    private final long capacity;
    private final Inflater inflater;
    private final ExecutorService writer;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Runnable resume;
    private OutputStream out;
    private long written;
    private String problem;

    /**
     * @param capacity the device's size in bytes
     * @param resume lets the connection read again after {@link #accept} asked it to pause
     */
    BlockSetStream(Path device, long capacity, boolean compressed, Runnable resume) {
        this.resume = resume;
        this.device = device;
        this.incoming = device.resolveSibling(device.getFileName() + ".incoming");
        this.capacity = capacity;
        this.inflater = compressed ? new Inflater() : null;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "block-set-" + device.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        writer.execute(this::open);
    }

    @Override
    public boolean accept(byte[] chunk) {
        int queued = waiting.incrementAndGet();
        writer.execute(() -> {
            store(chunk);
            if (waiting.decrementAndGet() == 0 && queued >= PAUSE_AT) {
                resume.run();
            }
        });
        return queued < PAUSE_AT;
    }

    @Override
    public CompletableFuture<Payload> end() {
        return CompletableFuture.supplyAsync(this::finish, writer).whenComplete((reply, error) -> release());
    }

    @Override
    public void abort() {
        writer.execute(() -> {
            problem = "the client went away";
            closeQuietly();
            deleteIncoming();
        });
        release();
    }

    private void open() {
        try {
            out = PrivateFiles.newOutputStream(incoming);
        } catch (IOException e) {
            problem = "cannot write " + incoming + ": " + e.getMessage();
        }
    }

    private void store(byte[] chunk) {
        if (problem != null) {
            return;
        }
        try {
            if (inflater == null) {
                write(chunk, chunk.length);
                return;
            }
            inflater.setInput(chunk);
            byte[] buffer = new byte[64 * 1024];
            while (problem == null && !inflater.needsInput() && !inflater.finished()) {
                write(buffer, inflater.inflate(buffer));
            }
        } catch (DataFormatException e) {
            problem = "failed to uncompress: " + e.getMessage();
        } catch (IOException e) {
            problem = "cannot write " + incoming + ": " + e.getMessage();
        }
    }

    private void write(byte[] bytes, int length) throws IOException {
        if (written + length > capacity) {
            problem = "data exceeds block size";
            return;
        }
        out.write(bytes, 0, length);
        written += length;
    }

    private Payload finish() {
        if (problem == null && inflater != null && !inflater.finished()) {
            problem = "failed to uncompress: the compressed data is cut short";
        }
        closeQuietly();
        if (problem != null) {
            deleteIncoming();
            return new Failure(problem);
        }
        try (RandomAccessFile file = new RandomAccessFile(incoming.toFile(), "rw")) {
            file.setLength(capacity);
            file.getFD().sync();
        } catch (IOException e) {
            deleteIncoming();
            return new Failure("cannot write " + incoming + ": " + e.getMessage());
        }
        try {
            Files.move(incoming, device, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFile.syncDirectory(device.getParent());
        } catch (IOException e) {
            deleteIncoming();
            return new Failure("cannot replace " + device + ": " + e.getMessage());
        }
        LOG.info("block device {} set: {} bytes of data", device.getFileName(), written);
        return new Success.Message("set block device");
    }

    private void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            problem = problem != null ? problem : "cannot write " + incoming + ": " + e.getMessage();
        }
        out = null;
    }

    private void deleteIncoming() {
        try {
            Files.deleteIfExists(incoming);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", incoming, e.getMessage());
        }
    }

    private void release() {
        writer.execute(() -> {
            if (inflater != null) {
                inflater.end();
            }
        });
        writer.shutdown();
    }
}

package org.albatross.daemon.dispatch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import org.albatross.daemon.reply.InboundStream;
import org.albatross.daemon.store.AtomicFile;
import org.albatross.daemon.store.IncomingFile;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Success;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block device's new data arriving from the client (block set): inflated when it comes compressed, written to a
 * temporary file next to the device by a {@link ChunkWriter}, and moved over the device once the stream has ended and
 * its data fits. Until then the device keeps its old data; data beyond the device's size is refused (albatross).
 */
final class BlockSetStream implements InboundStream {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSetStream.class);

    private final Path device;
    private final Path incoming;
    private final long capacity;
    private final ChunkWriter writer;
    private IncomingFile out;
    private String problem;

    /**
     * @param capacity the device's size in bytes
     * @param resume lets the connection read again after {@link #accept} asked it to pause
     */
    BlockSetStream(Path device, long capacity, boolean compressed, Runnable resume) {
        this.device = device;
        this.incoming = device.resolveSibling(device.getFileName() + ".incoming");
        this.capacity = capacity;
        this.writer = new ChunkWriter("block-set-" + device.getFileName(), resume);
        writer.write(() -> open(compressed));
    }

    @Override
    public boolean accept(byte[] chunk) {
        return writer.write(() -> store(chunk));
    }

    @Override
    public CompletableFuture<Payload> end() {
        return writer.finish(this::finish);
    }

    @Override
    public void abort() {
        writer.abort(() -> {
            problem = "the client went away";
            closeQuietly();
            deleteIncoming();
        });
    }

    private void open(boolean compressed) {
        try {
            Files.deleteIfExists(incoming);
            out = IncomingFile.create(incoming, compressed, capacity, "data exceeds block size");
        } catch (IOException e) {
            problem = "cannot write " + incoming + ": " + e.getMessage();
        }
    }

    private void store(byte[] chunk) {
        if (problem != null) {
            return;
        }
        try {
            out.write(chunk, 0, chunk.length);
        } catch (IncomingFile.Refused e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "cannot write " + incoming + ": " + e.getMessage();
        }
    }

    private Payload finish() {
        if (problem == null) {
            try {
                out.finish();
            } catch (IncomingFile.Refused e) {
                problem = e.getMessage();
            }
        }
        long written = out == null ? 0 : out.size();
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
}

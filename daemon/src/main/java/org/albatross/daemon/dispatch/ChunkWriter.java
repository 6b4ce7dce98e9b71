package org.albatross.daemon.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The thread that stores what a client streams after its command (a block set, a streamed image), so that the
 * connection's event loop never blocks on the disk: chunks are written in order, and the connection pauses reading
 * while {@value #PAUSE_AT} of them wait, until the thread has caught up.
 */
final class ChunkWriter {
    /** Chunks waiting to be written at which the connection pauses reading; it resumes when all are written. */
    private static final int PAUSE_AT = 32;

    private final ExecutorService thread;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Runnable resume;

    /** @param resume lets the connection read again after {@link #write} asked it to pause */
    ChunkWriter(String name, Runnable resume) {
        this.resume = resume;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, name);
            writer.setDaemon(true);
            return writer;
        });
    }

    /** Runs {@code work} on the writer's thread, after the work before it; false when the connection should pause. */
    boolean write(Runnable work) {
        int queued = waiting.incrementAndGet();
        thread.execute(() -> {
            work.run();
            if (waiting.decrementAndGet() == 0 && queued >= PAUSE_AT) {
                resume.run();
            }
        });
        return queued < PAUSE_AT;
    }

    /** Runs {@code last} once every chunk is written, and ends the thread. */
    <T> CompletableFuture<T> finish(Supplier<T> last) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(last, thread);
        thread.shutdown();
        return result;
    }

    /** Runs {@code cleanUp} once the chunks under way are written, and ends the thread. */
    void abort(Runnable cleanUp) {
        thread.execute(cleanUp);
        thread.shutdown();
    }
}

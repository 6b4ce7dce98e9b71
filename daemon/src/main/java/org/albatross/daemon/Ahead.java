package org.albatross.daemon;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Work the daemon's start sets going on a thread of its own, ahead of the step that needs its result, so that work
 * which mostly waits or loads classes (a process to run, Netty's first use) overlaps the start's own.
 */
final class Ahead<T> {
    /** The work: its result, or the IOException that fails the start. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Ahead() {
    }

    static <T> Ahead<T> start(String threadName, Work<T> work) {
        Ahead<T> ahead = new Ahead<>();
        Thread thread = new Thread(() -> {
            try {
                ahead.result.complete(work.run());
            } catch (IOException | RuntimeException | Error e) {
                ahead.result.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return ahead;
    }

    /** The result, once there; the work's failure is thrown as it was thrown on its thread. */
    T take() throws IOException {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException failed) {
                throw failed;
            }
            throw unchecked(e);
        }
    }

    /** As {@link #take}, for work that throws no IOException. */
    T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            throw unchecked(e);
        }
    }

    private static RuntimeException unchecked(CompletionException e) {
        if (e.getCause() instanceof Error failed) {
            throw failed;
        }
        return e.getCause() instanceof RuntimeException failed ? failed : e;
    }
}

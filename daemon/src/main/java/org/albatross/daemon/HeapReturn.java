package org.albatross.daemon;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Java heap back after a burst, such as a create carrying a large image. The serial collector the launcher
 * ships returns memory only at a full collection, and nothing triggers one while the daemon idles (G1 has
 * {@code G1PeriodicGCInterval} for this; the serial collector has nothing). So every {@link #INTERVAL}, when the heap
 * has grown by {@link #GROWTH} since the last look, this runs one ({@link System#gc}: milliseconds for the daemon's
 * few MiB of live objects), after which {@code -XX:MaxHeapFreeRatio} and {@code -XX:-ShrinkHeapInSteps} shrink the
 * heap to what is live. A heap that grows because more is live (a thousand unikernels) costs one collection per
 * {@link #GROWTH}.
 */
final class HeapReturn {
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final long GROWTH = 8L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HeapReturn.class);

    private final LongSupplier committed;
    private final Runnable collect;
    private long lastCommitted;
    private volatile boolean stopped;

    /** @param committed the heap's committed bytes now; {@code collect} a full collection */
    HeapReturn(LongSupplier committed, Runnable collect) {
        this.committed = committed;
        this.collect = collect;
        this.lastCommitted = committed.getAsLong();
    }

    /** This JVM's heap, checked every {@link #INTERVAL} from now on, on the JDK's delay-scheduler thread. */
    static HeapReturn start() {
        HeapReturn heap = new HeapReturn(Runtime.getRuntime()::totalMemory, System::gc);
        heap.schedule();
        return heap;
    }

    /** One look: a full collection if the heap grew by {@link #GROWTH} since the last; true if one ran. */
    boolean check() {
        long now = committed.getAsLong();
        if (now - lastCommitted < GROWTH) {
            lastCommitted = Math.min(lastCommitted, now);
            return false;
        }
        collect.run();
        lastCommitted = committed.getAsLong();
        LOG.debug("heap collected to give memory back: {} KiB committed, {} KiB before", lastCommitted / 1024,
                now / 1024);
        return true;
    }

    void stop() {
        stopped = true;
    }

    private void schedule() {
        Executor later = CompletableFuture.delayedExecutor(INTERVAL.toMillis(), TimeUnit.MILLISECONDS, Runnable::run);
        later.execute(() -> {
            if (!stopped) {
                check();
                schedule();
            }
        });
    }
}

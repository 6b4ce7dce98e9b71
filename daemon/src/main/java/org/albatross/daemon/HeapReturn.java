package org.albatross.daemon;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Java heap back after a burst, such as creates carrying large images. The serial collector the launcher
 * ships returns memory only at a full collection, and nothing triggers one while the daemon idles (G1 has
 * {@code G1PeriodicGCInterval} for this; the serial collector has nothing). So every {@link #INTERVAL} this looks at
 * the committed heap, and once it has grown by {@link #GROWTH} over what was left after the last collection and held
 * still for a whole interval (the burst is over: collecting while a frame is received would keep that frame), runs
 * one ({@link System#gc}: milliseconds for the daemon's few MiB of live objects), after which
 * {@code -XX:MaxHeapFreeRatio} and {@code -XX:-ShrinkHeapInSteps} shrink the heap to what is live. A collection that
 * leaves the heap grown is tried once more, at the next quiet look, before the heap's new size counts as live (a
 * thousand unikernels): live growth costs two collections per {@link #GROWTH}, an idle daemon none.
 */
final class HeapReturn {
    /**
     * Short, so that memory a burst took is back within seconds (an operator who looks at the RSS after creating a
     * few large unikernels sees what they cost, not their frames); a look is one read of a counter.
     */
    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final long GROWTH = 8L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HeapReturn.class);

    private final LongSupplier committed;
    private final Runnable collect;
    /** The committed heap after the last collection, or less if it shrank by itself since. */
    private long baseline;
    private long lastLook;
    /** Whether the last collection left the heap grown, and is to be tried once more. */
    private boolean retrying;
    private volatile boolean stopped;

    /** @param committed the heap's committed bytes now; {@code collect} a full collection */
    HeapReturn(LongSupplier committed, Runnable collect) {
        this.committed = committed;
        this.collect = collect;
        this.baseline = committed.getAsLong();
        this.lastLook = baseline;
    }

    /** This JVM's heap, checked every {@link #INTERVAL} from now on, on the JDK's delay-scheduler thread. */
    static HeapReturn start() {
        HeapReturn heap = new HeapReturn(Runtime.getRuntime()::totalMemory, System::gc);
        heap.schedule();
        return heap;
    }

    /** One look: a full collection if the heap grew by {@link #GROWTH} and then held still; true if one ran. */
    boolean check() {
        long now = committed.getAsLong();
        boolean still = now == lastLook;
        lastLook = now;
        if (now - baseline < GROWTH) {
            baseline = Math.min(baseline, now);
            retrying = false;
            return false;
        }
        if (!still) {
            return false;
        }
        collect.run();
        long after = committed.getAsLong();
        lastLook = after;
        if (after - baseline < GROWTH || retrying) {
            baseline = after;
            retrying = false;
        } else {
            retrying = true;
        }
        LOG.debug("heap collected to give memory back: {} KiB committed, {} KiB before", after / 1024, now / 1024);
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

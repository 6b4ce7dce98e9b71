package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A full collection only once the heap grew by the threshold and then held still for a look. */
class HeapReturnTest {
    private static final long MIB = 1024 * 1024;

    private final AtomicLong committed = new AtomicLong(12 * MIB);
    private final AtomicInteger collections = new AtomicInteger();
    /** What a collection leaves committed. */
    private final AtomicLong live = new AtomicLong(14 * MIB);
    private final HeapReturn heap = new HeapReturn(committed::get, () -> {
        collections.incrementAndGet();
        committed.set(live.get());
    });

    @Test
    void aHeapThatDidNotGrowIsLeftAlone() {
        committed.set(12 * MIB + HeapReturn.GROWTH - 1);

        assertThat(heap.check()).isFalse();
        assertThat(heap.check()).isFalse();
        assertThat(collections).hasValue(0);
    }

    @Test
    void aHeapThatGrewIsCollectedOnceItHoldsStillAndMeasuredAgainFromWhatIsLeft() {
        committed.set(60 * MIB);
        assertThat(heap.check()).as("still growing: a burst under way").isFalse();
        committed.set(100 * MIB);
        assertThat(heap.check()).isFalse();

        assertThat(heap.check()).as("held still for a look").isTrue();
        assertThat(heap.check()).as("14 MiB after the collection: no growth since").isFalse();
        committed.set(14 * MIB + HeapReturn.GROWTH);
        assertThat(heap.check()).isFalse();
        assertThat(heap.check()).isTrue();
        assertThat(collections).hasValue(2);
    }

    @Test
    void aCollectionThatLeavesTheHeapGrownIsTriedOnceMoreThenCountsAsLive() {
        live.set(40 * MIB);
        committed.set(100 * MIB);
        heap.check();

        assertThat(heap.check()).isTrue();
        assertThat(heap.check()).as("40 MiB left: perhaps a frame in flight, once more").isTrue();
        assertThat(heap.check()).as("40 MiB again: what is live").isFalse();
        assertThat(heap.check()).isFalse();
        assertThat(collections).hasValue(2);
    }

    @Test
    void aHeapThatShrankByItselfIsMeasuredFromItsSmallerSize() {
        committed.set(10 * MIB);
        assertThat(heap.check()).isFalse();

        committed.set(10 * MIB + HeapReturn.GROWTH);
        heap.check();

        assertThat(heap.check()).isTrue();
    }
}

package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A full collection only after the heap grew by the threshold since the last look. */
class HeapReturnTest {
    private static final long MIB = 1024 * 1024;

    private final AtomicLong committed = new AtomicLong(12 * MIB);
    private final AtomicInteger collections = new AtomicInteger();
    private final HeapReturn heap = new HeapReturn(committed::get, () -> {
        collections.incrementAndGet();
        committed.set(14 * MIB);
    });

    @Test
    void aHeapThatDidNotGrowIsLeftAlone() {
        committed.set(12 * MIB + HeapReturn.GROWTH - 1);

        assertThat(heap.check()).isFalse();
        assertThat(collections).hasValue(0);
    }

    @Test
    void aHeapThatGrewIsCollectedOnceAndMeasuredAgainFromWhatIsLeft() {
        committed.set(100 * MIB);

        assertThat(heap.check()).isTrue();
        assertThat(heap.check()).as("14 MiB after the collection: no growth since").isFalse();
        committed.set(14 * MIB + HeapReturn.GROWTH);
        assertThat(heap.check()).isTrue();
        assertThat(collections).hasValue(2);
    }

    @Test
    void aHeapThatShrankByItselfIsMeasuredFromItsSmallerSize() {
        committed.set(10 * MIB);
        assertThat(heap.check()).isFalse();

        committed.set(10 * MIB + HeapReturn.GROWTH);

        assertThat(heap.check()).isTrue();
    }
}

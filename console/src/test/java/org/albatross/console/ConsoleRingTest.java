package org.albatross.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleRingTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void keepsTheNewestLinesWhenItWrapsAround() {
        ConsoleRing ring = ringWith(4, 10);
        assertThat(ring.written()).isEqualTo(10);
        assertThat(ring.oldestKept()).isEqualTo(6);
        assertThat(texts(ring.last(Long.MAX_VALUE))).containsExactly("6", "7", "8", "9");
        assertThat(ring.line(5)).isNull();
        assertThat(ring.line(6).text()).isEqualTo("6");
        assertThat(ring.line(10)).isNull();
    }

    @Test
    void lastGivesAtMostTheRingHoweverLargeTheCount() {
        ConsoleRing ring = ringWith(4, 3);
        assertThat(texts(ring.last(2))).containsExactly("1", "2");
        assertThat(texts(ring.last(Long.MAX_VALUE))).containsExactly("0", "1", "2");
        assertThat(ring.last(0)).isEmpty();
    }

    @Test
    void aNegativeCountGivesNoLines() {
        assertThat(ringWith(4, 10).last(-1)).isEmpty();
        assertThat(ringWith(4, 10).last(Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void sinceGivesEveryKeptLineAtOrAfterTheTime() {
        ConsoleRing ring = ringWith(4, 10);
        assertThat(texts(ring.since(T0.plusSeconds(8)))).containsExactly("8", "9");
        assertThat(texts(ring.since(T0))).containsExactly("6", "7", "8", "9");
        assertThat(ring.since(T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void anEmptyRingHasNoLines() {
        ConsoleRing ring = new ConsoleRing(8);
        assertThat(ring.last(5)).isEmpty();
        assertThat(ring.since(Instant.MIN)).isEmpty();
        assertThat(ring.oldestKept()).isZero();
    }

    @Test
    void theSlotsGrowWithTheLinesUpToTheCapacityAndKeepEveryLine() {
        ConsoleRing ring = new ConsoleRing(1000);
        assertThat(ring.slots()).isEqualTo(ConsoleRing.FIRST_SLOTS);

        append(ring, 0, 9);
        assertThat(ring.slots()).isEqualTo(16);
        append(ring, 9, 999);
        assertThat(ring.slots()).isEqualTo(1000);
        append(ring, 999, 1010);

        assertThat(ring.slots()).isEqualTo(1000);
        assertThat(ring.oldestKept()).isEqualTo(10);
        assertThat(texts(ring.last(3))).containsExactly("1007", "1008", "1009");
        assertThat(ring.line(10).text()).isEqualTo("10");
        assertThat(ring.line(9)).isNull();
    }

    @Test
    void aSmallRingNeverHoldsMoreSlotsThanItsCapacity() {
        assertThat(new ConsoleRing(3).slots()).isEqualTo(3);
        assertThat(texts(ringWith(3, 7).last(10))).containsExactly("4", "5", "6");
    }

    @Test
    void aRingKeepsAtLeastOneLine() {
        assertThatThrownBy(() -> new ConsoleRing(0)).hasMessageContaining("at least 1 line");
    }

    /** A ring of {@code capacity} after lines "0", "1", ... written one second apart from {@link #T0}. */
    private static ConsoleRing ringWith(int capacity, int lines) {
        ConsoleRing ring = new ConsoleRing(capacity);
        append(ring, 0, lines);
        return ring;
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive), each its own number, a second apart. */
    private static void append(ConsoleRing ring, int from, int to) {
        for (int i = from; i < to; i++) {
            ring.append(new ConsoleLine(T0.plusSeconds(i), Integer.toString(i)));
        }
    }

    private static List<String> texts(List<ConsoleLine> lines) {
        return lines.stream().map(ConsoleLine::text).toList();
    }
}

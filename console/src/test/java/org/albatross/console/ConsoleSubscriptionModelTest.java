package org.albatross.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.albatross.protocol.Name;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random interleavings of output and polls, checked against a model of what a subscriber must see: the lines it asked
 * for, in order, each line either delivered or counted as missed, and missed only when it fell further behind than
 * the lag limit or the ring allow.
 */
class ConsoleSubscriptionModelTest {
    private static final int RING = 16;
    private static final int LAG = 8;
    private static final Name WEB = Name.parse("tenant:web");

    static LongStream seeds() {
        long base = Long.getLong("albatross.seed", 5L);
        return LongStream.range(base, base + 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aSubscriberSeesWhatTheModelSays(long seed) {
        Random random = new Random(seed);
        Consoles consoles = new Consoles(new ConsoleLimits(RING, 1, LAG), Instant::now);
        ConsoleWriter writer = consoles.started(WEB, List.of(new ConsoleAllowance(WEB.path(), 1)));
        long written = writeLines(writer, 0, random.nextInt(3 * RING));

        long count = random.nextInt(3 * RING) - RING;
        ConsoleSubscription subscription = consoles.subscribe(WEB, new ConsoleHistory.Last(count), () -> { });
        long historyEnd = written;
        long next = Math.max(Math.max(0, written - RING), written - Math.max(0, count));

        for (int step = 0; step < 200; step++) {
            if (random.nextBoolean()) {
                written = writeLines(writer, written, random.nextInt(LAG + 2));
                continue;
            }
            int max = 1 + random.nextInt(2 * LAG);
            long floor = Math.max(written - RING, next >= historyEnd ? written - LAG : 0);
            List<String> expected = new ArrayList<>();
            if (next < floor) {
                expected.add("missed " + (floor - next));
                next = floor;
            }
            while (next < written && expected.size() < max) {
                expected.add("line");
                next++;
            }
            List<ConsoleEvent> actual = subscription.poll(max);
            assertThat(shapes(actual)).as("step %d", step).isEqualTo(expected);
            assertThat(lineNumbers(actual)).isEqualTo(LongStream.range(next - lineNumbers(actual).size(), next)
                    .boxed().toList());
        }
    }

    /** Writes lines numbered from {@code first} as one chunk; returns the number of lines written in all. */
    private static long writeLines(ConsoleWriter writer, long first, int lines) {
        StringBuilder output = new StringBuilder();
        for (long line = first; line < first + lines; line++) {
            output.append(line).append('\n');
        }
        byte[] bytes = output.toString().getBytes(UTF_8);
        writer.write(bytes, 0, bytes.length);
        return first + lines;
    }

    /** Events with the lines' content left out: "missed N" or "line". */
    private static List<String> shapes(List<ConsoleEvent> events) {
        return events.stream().map(event -> event instanceof ConsoleEvent.Missed missed
                ? "missed " + missed.lines() : "line").toList();
    }

    private static List<Long> lineNumbers(List<ConsoleEvent> events) {
        return events.stream().filter(ConsoleEvent.Line.class::isInstance)
                .map(event -> Long.parseLong(((ConsoleEvent.Line) event).line().text())).toList();
    }
}

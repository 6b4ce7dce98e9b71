package org.albatross.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.albatross.protocol.Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One writer thread, several reader threads: every reader sees the lines in order, each line or its loss counted. */
class ConsoleConcurrencyTest {
    private static final int LINES = 50_000;
    private static final int READERS = 4;
    private static final Name WEB = Name.parse("tenant:web");

    private final ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void readersSeeEveryLineInOrderOrAreToldWhatTheyMissed() throws Exception {
        Consoles consoles = new Consoles(new ConsoleLimits(256, READERS, 256), Instant::now);
        ConsoleWriter writer = consoles.started(WEB, List.of(new ConsoleAllowance(WEB.path(), 1)));
        List<Future<ReaderResult>> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            Semaphore available = new Semaphore(0);
            ConsoleSubscription subscription =
                    consoles.subscribe(WEB, new ConsoleHistory.Last(0), available::release);
            readers.add(threads.submit(() -> read(subscription, available)));
        }

        threads.submit(() -> {
            for (int line = 0; line < LINES; line++) {
                byte[] bytes = (line + "\n").getBytes(UTF_8);
                writer.write(bytes, 0, bytes.length);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> readers.stream().allMatch(Future::isDone));
        for (Future<ReaderResult> reader : readers) {
            ReaderResult result = reader.get();
            assertThat(result.outOfOrder()).as("lines out of order").isZero();
            assertThat(result.received()).isPositive();
            assertThat(result.received() + result.missed()).isEqualTo(LINES);
        }
    }

    private record ReaderResult(long received, long missed, long outOfOrder) {
    }

    /** Polls until every line is accounted for, waiting for the subscription's signal when nothing is ready. */
    private static ReaderResult read(ConsoleSubscription subscription, Semaphore available)
            throws InterruptedException {
        long expected = 0;
        long received = 0;
        long missed = 0;
        long outOfOrder = 0;
        while (expected < LINES) {
            List<ConsoleEvent> events = subscription.poll(64);
            if (events.isEmpty()) {
                available.tryAcquire(100, TimeUnit.MILLISECONDS);
                continue;
            }
            for (ConsoleEvent event : events) {
                if (event instanceof ConsoleEvent.Line line) {
                    long number = Long.parseLong(line.line().text());
                    if (number != expected) {
                        outOfOrder++;
                    }
                    received++;
                    expected = number + 1;
                } else if (event instanceof ConsoleEvent.Missed gap) {
                    missed += gap.lines();
                    expected += gap.lines();
                } else {
                    throw new AssertionError("the subscription ended: " + event);
                }
            }
        }
        return new ReaderResult(received, missed, outOfOrder);
    }
}

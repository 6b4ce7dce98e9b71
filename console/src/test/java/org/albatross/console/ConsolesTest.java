package org.albatross.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.albatross.console.ConsoleEvent.Ended;
import org.albatross.console.ConsoleEvent.Line;
import org.albatross.console.ConsoleEvent.Missed;
import org.albatross.console.ConsoleEvent.Reason;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.junit.jupiter.api.Test;

class ConsolesTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    private static final Path TENANT = Path.of("tenant");
    private static final Name WEB = Name.parse("tenant:web");
    private static final ConsoleHistory ALL = new ConsoleHistory.Last(Long.MAX_VALUE);

    private final ManualClock clock = new ManualClock(T0);
    private final Consoles consoles = new Consoles(new ConsoleLimits(8, 2, 4), clock);

    @Test
    void aSubscriberGetsTheLastLinesThenEveryNewOne() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        write(writer, "one\ntwo\nthree\n");
        ConsoleSubscription subscription = consoles.subscribe(WEB, new ConsoleHistory.Last(2), () -> { });
        assertThat(subscription.isWaitingForUnikernel()).isFalse();
        assertThat(texts(subscription.poll(100))).containsExactly("two", "three");
        write(writer, "four\n");
        assertThat(texts(subscription.poll(100))).containsExactly("four");
        assertThat(subscription.poll(100)).isEmpty();
    }

    @Test
    void aHugeOrNegativeCountIsBoundedByTheRing() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        write(writer, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        assertThat(texts(consoles.subscribe(WEB, new ConsoleHistory.Last(Long.MAX_VALUE), () -> { }).poll(100)))
                .containsExactly("3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(consoles.subscribe(WEB, new ConsoleHistory.Last(-5), () -> { }).poll(100)).isEmpty();
    }

    @Test
    void sinceGivesTheKeptLinesStampedAtOrAfterTheTime() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        write(writer, "early\n");
        clock.advance(Duration.ofSeconds(5));
        write(writer, "on time\n");
        clock.advance(Duration.ofSeconds(5));
        write(writer, "late\n");
        ConsoleSubscription subscription =
                consoles.subscribe(WEB, new ConsoleHistory.Since(T0.plusSeconds(5)), () -> { });
        List<ConsoleEvent> events = subscription.poll(100);
        assertThat(texts(events)).containsExactly("on time", "late");
        assertThat(((Line) events.get(0)).line().timestamp()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aLineIsStampedWhenTheChunkThatEndsItIsRead() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        write(writer, "sta");
        clock.advance(Duration.ofSeconds(3));
        write(writer, "rted\n");
        List<ConsoleEvent> events = consoles.subscribe(WEB, ALL, () -> { }).poll(100);
        assertThat(events).containsExactly(new Line(new ConsoleLine(T0.plusSeconds(3), "started")));
    }

    @Test
    void aSubscriptionToAUnikernelNotYetStartedWaitsForIt() {
        AtomicInteger signals = new AtomicInteger();
        ConsoleSubscription subscription = consoles.subscribe(WEB, new ConsoleHistory.Last(0), signals::incrementAndGet);
        assertThat(subscription.isWaitingForUnikernel()).isTrue();
        assertThat(subscription.poll(100)).isEmpty();

        ConsoleWriter writer = consoles.started(WEB, 1);
        write(writer, "booting\n");
        assertThat(subscription.isWaitingForUnikernel()).isFalse();
        assertThat(signals.get()).isPositive();
        assertThat(texts(subscription.poll(100))).containsExactly("booting");
    }

    @Test
    void theSubscriberIsSignalledOnceUntilItPollsAgain() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        AtomicInteger signals = new AtomicInteger();
        ConsoleSubscription subscription = consoles.subscribe(WEB, new ConsoleHistory.Last(0), signals::incrementAndGet);
        write(writer, "a\n");
        write(writer, "b\n");
        assertThat(signals.get()).isEqualTo(1);
        assertThat(texts(subscription.poll(100))).containsExactly("a", "b");
        write(writer, "c\n");
        assertThat(signals.get()).isEqualTo(2);
    }

    @Test
    void aSubscriberBeyondTheLimitKicksTheOldestWhichIsToldSo() {
        consoles.started(WEB, 1);
        ConsoleSubscription first = consoles.subscribe(WEB, ALL, () -> { });
        ConsoleSubscription second = consoles.subscribe(WEB, ALL, () -> { });
        ConsoleSubscription third = consoles.subscribe(WEB, ALL, () -> { });

        assertThat(first.isEnded()).isTrue();
        assertThat(first.poll(100)).containsExactly(new Ended(Reason.KICKED));
        assertThat(first.poll(100)).isEmpty();
        assertThat(second.isEnded()).isFalse();
        assertThat(third.isEnded()).isFalse();
        assertThat(Reason.KICKED.message()).contains("too many subscribers");
    }

    @Test
    void aSlowSubscriberIsToldHowManyLinesItMissed() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        ConsoleSubscription slow = consoles.subscribe(WEB, new ConsoleHistory.Last(0), () -> { });
        ConsoleSubscription fast = consoles.subscribe(WEB, new ConsoleHistory.Last(0), () -> { });
        for (int i = 1; i <= 10; i++) {
            write(writer, i + "\n");
            assertThat(texts(fast.poll(100))).containsExactly(Integer.toString(i));
        }
        // The lag limit is 4: lines 1 to 6 are skipped, the newest 4 remain.
        List<ConsoleEvent> events = slow.poll(100);
        assertThat(events.get(0)).isEqualTo(new Missed(6));
        assertThat(texts(events)).containsExactly("7", "8", "9", "10");
    }

    @Test
    void pollingInSmallBatchesLosesNothing() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        write(writer, "1\n2\n3\n");
        ConsoleSubscription subscription = consoles.subscribe(WEB, ALL, () -> { });
        assertThat(texts(subscription.poll(2))).containsExactly("1", "2");
        assertThat(texts(subscription.poll(2))).containsExactly("3");
    }

    @Test
    void aClosedSubscriptionEndsAndMakesRoomForAnother() {
        consoles.started(WEB, 1);
        ConsoleSubscription first = consoles.subscribe(WEB, ALL, () -> { });
        ConsoleSubscription second = consoles.subscribe(WEB, ALL, () -> { });
        first.close();
        ConsoleSubscription third = consoles.subscribe(WEB, ALL, () -> { });
        assertThat(first.poll(1)).containsExactly(new Ended(Reason.CLOSED));
        assertThat(second.isEnded()).isFalse();
        assertThat(third.isEnded()).isFalse();
    }

    @Test
    void aConsoleOutlivesItsUnikernelAndIsListedAsInactive() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        write(writer, "last words");
        writer.close();
        assertThat(consoles.inactive(Path.ROOT)).containsExactly(WEB);
        assertThat(consoles.inactive(TENANT)).containsExactly(WEB);
        assertThat(consoles.inactive(Path.of("other"))).isEmpty();
        assertThat(texts(consoles.subscribe(WEB, ALL, () -> { }).poll(10))).containsExactly("last words");
    }

    @Test
    void aRestartedUnikernelKeepsTheLinesOfItsEarlierRun() {
        ConsoleWriter first = consoles.started(WEB, 1);
        write(first, "first run\n");
        first.close();
        ConsoleWriter second = consoles.started(WEB, 1);
        write(second, "second run\n");
        assertThat(consoles.inactive(Path.ROOT)).isEmpty();
        assertThat(texts(consoles.subscribe(WEB, ALL, () -> { }).poll(10)))
                .containsExactly("first run", "second run");
    }

    @Test
    void aWriterCountsTheBytesItReadAndTheLinesItKeptForMetrics() {
        ConsoleWriter first = consoles.started(WEB, 1);
        write(first, "one\n\ntwo\n");
        first.close();
        ConsoleWriter second = consoles.started(WEB, 1);
        write(second, "three\nfou");
        assertThat(first.bytesRead()).isEqualTo(9);
        assertThat(first.linesWritten()).isEqualTo(2);
        assertThat(second.bytesRead()).isEqualTo(9);
        assertThat(second.linesWritten()).isEqualTo(1);
    }

    @Test
    void aSecondWriterForARunningUnikernelIsRefused() {
        ConsoleWriter writer = consoles.started(WEB, 1);
        assertThatThrownBy(() -> consoles.started(WEB, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close the previous run's writer first");
        writer.close();
        writer.close();
        assertThatThrownBy(() -> write(writer, "x\n")).hasMessageContaining("closed");
    }

    @Test
    void aPathKeepsOneConsoleMoreThanItsPolicyAllowsAndEvictsTheInactiveThatStoppedFirst() {
        Name a = Name.parse("tenant:a");
        Name b = Name.parse("tenant:b");
        Name c = Name.parse("tenant:c");
        consoles.started(b, 2).close();
        consoles.started(a, 2).close();
        ConsoleSubscription watchingB = consoles.subscribe(b, ALL, () -> { });
        ConsoleWriter running = consoles.started(Name.parse("tenant:running"), 2);
        assertThat(consoles.inactive(TENANT)).containsExactly(a, b);

        consoles.started(c, 2);

        assertThat(consoles.inactive(TENANT)).containsExactly(a);
        assertThat(watchingB.poll(10)).containsExactly(new Ended(Reason.EVICTED));
        running.close();
    }

    @Test
    void consolesOnOtherPathsDoNotCountTowardsAPathsLimit() {
        consoles.started(Name.parse("other:a"), 1).close();
        consoles.started(Name.parse("other:b"), 1).close();
        consoles.started(Name.parse("tenant:a"), 1).close();
        consoles.started(Name.parse("tenant:b"), 1).close();
        assertThat(consoles.inactive(Path.ROOT)).hasSize(4);
    }

    @Test
    void activeConsolesAreNeverEvicted() {
        consoles.started(Name.parse("tenant:a"), 0);
        consoles.started(Name.parse("tenant:b"), 0);
        consoles.started(Name.parse("tenant:c"), 0);
        ConsoleSubscription subscription = consoles.subscribe(Name.parse("tenant:a"), ALL, () -> { });
        assertThat(subscription.isEnded()).isFalse();
    }

    @Test
    void aConsoleBelongsToAUnikernelNotToAPath() {
        assertThatThrownBy(() -> consoles.subscribe(Name.of(TENANT), ALL, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a path");
    }

    private static void write(ConsoleWriter writer, String output) {
        byte[] bytes = output.getBytes(UTF_8);
        writer.write(bytes, 0, bytes.length);
    }

    private static List<String> texts(List<ConsoleEvent> events) {
        return events.stream().filter(Line.class::isInstance).map(event -> ((Line) event).line().text()).toList();
    }
}

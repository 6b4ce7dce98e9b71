package org.albatross.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
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
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
        write(writer, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        assertThat(texts(consoles.subscribe(WEB, new ConsoleHistory.Last(Long.MAX_VALUE), () -> { }).poll(100)))
                .containsExactly("3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(consoles.subscribe(WEB, new ConsoleHistory.Last(-5), () -> { }).poll(100)).isEmpty();
    }

    @Test
    void sinceGivesTheKeptLinesStampedAtOrAfterTheTime() {
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
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
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
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

        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
        write(writer, "booting\n");
        assertThat(subscription.isWaitingForUnikernel()).isFalse();
        assertThat(signals.get()).isPositive();
        assertThat(texts(subscription.poll(100))).containsExactly("booting");
    }

    @Test
    void theSubscriberIsSignalledOnceUntilItPollsAgain() {
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
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
        consoles.started(WEB, allowing(WEB, 1));
        ConsoleSubscription first = consoles.subscribe(WEB, ALL, () -> { });
        ConsoleSubscription second = consoles.subscribe(WEB, ALL, () -> { });
        ConsoleSubscription third = consoles.subscribe(WEB, ALL, () -> { });

        assertThat(first.poll(100)).containsExactly(new Ended(Reason.KICKED));
        assertThat(first.poll(100)).isEmpty();
        assertThat(second.poll(100)).noneMatch(Ended.class::isInstance);
        assertThat(third.poll(100)).noneMatch(Ended.class::isInstance);
        assertThat(Reason.KICKED.message()).contains("too many subscribers");
    }

    @Test
    void aSlowSubscriberIsToldHowManyLinesItMissed() {
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
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
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
        write(writer, "1\n2\n3\n");
        ConsoleSubscription subscription = consoles.subscribe(WEB, ALL, () -> { });
        assertThat(texts(subscription.poll(2))).containsExactly("1", "2");
        assertThat(texts(subscription.poll(2))).containsExactly("3");
    }

    @Test
    void aClosedSubscriptionEndsAndMakesRoomForAnother() {
        consoles.started(WEB, allowing(WEB, 1));
        ConsoleSubscription first = consoles.subscribe(WEB, ALL, () -> { });
        ConsoleSubscription second = consoles.subscribe(WEB, ALL, () -> { });
        first.close();
        ConsoleSubscription third = consoles.subscribe(WEB, ALL, () -> { });
        assertThat(first.poll(1)).containsExactly(new Ended(Reason.CLOSED));
        assertThat(second.poll(100)).noneMatch(Ended.class::isInstance);
        assertThat(third.poll(100)).noneMatch(Ended.class::isInstance);
    }

    @Test
    void aConsoleOutlivesItsUnikernelAndIsListedAsInactive() {
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
        write(writer, "last words");
        writer.close();
        assertThat(consoles.inactive(Path.ROOT)).containsExactly(WEB);
        assertThat(consoles.inactive(TENANT)).containsExactly(WEB);
        assertThat(consoles.inactive(Path.of("other"))).isEmpty();
        assertThat(texts(consoles.subscribe(WEB, ALL, () -> { }).poll(10))).containsExactly("last words");
    }

    @Test
    void aRestartedUnikernelKeepsTheLinesOfItsEarlierRun() {
        ConsoleWriter first = consoles.started(WEB, allowing(WEB, 1));
        write(first, "first run\n");
        first.close();
        ConsoleWriter second = consoles.started(WEB, allowing(WEB, 1));
        write(second, "second run\n");
        assertThat(consoles.inactive(Path.ROOT)).isEmpty();
        assertThat(texts(consoles.subscribe(WEB, ALL, () -> { }).poll(10)))
                .containsExactly("first run", "second run");
    }

    @Test
    void aNewUnikernelOfTheSameNameStartsWithAnEmptyConsoleThatItsSubscribersFollow() {
        ConsoleWriter first = consoles.created(WEB, allowing(WEB, 1));
        write(first, "predecessor\n");
        ConsoleSubscription following = consoles.subscribe(WEB, ALL, () -> { });
        assertThat(texts(following.poll(10))).containsExactly("predecessor");
        write(first, "last words\n");
        first.close();

        ConsoleWriter second = consoles.created(WEB, allowing(WEB, 1));
        write(second, "successor\n");

        assertThat(texts(consoles.subscribe(WEB, ALL, () -> { }).poll(10))).containsExactly("successor");
        assertThat(texts(following.poll(10))).containsExactly("last words", "successor");
        assertThat(consoles.inactive(Path.ROOT)).isEmpty();
    }

    @Test
    void aSubscriberWaitingForAUnikernelGetsItsLinesFromTheStart() {
        ConsoleSubscription waiting = consoles.subscribe(WEB, new ConsoleHistory.Last(0), () -> { });
        ConsoleWriter writer = consoles.created(WEB, allowing(WEB, 1));
        write(writer, "one\ntwo\n");
        assertThat(texts(waiting.poll(10))).containsExactly("one", "two");
    }

    @Test
    void aWriterCountsTheBytesItReadAndTheLinesItKeptForMetrics() {
        ConsoleWriter first = consoles.started(WEB, allowing(WEB, 1));
        write(first, "one\n\ntwo\n");
        first.close();
        ConsoleWriter second = consoles.started(WEB, allowing(WEB, 1));
        write(second, "three\nfou");
        assertThat(first.bytesRead()).isEqualTo(9);
        assertThat(first.linesWritten()).isEqualTo(2);
        assertThat(second.bytesRead()).isEqualTo(9);
        assertThat(second.linesWritten()).isEqualTo(1);
    }

    @Test
    void aSecondWriterForARunningUnikernelIsRefused() {
        ConsoleWriter writer = consoles.started(WEB, allowing(WEB, 1));
        assertThatThrownBy(() -> consoles.started(WEB, allowing(WEB, 1))).isInstanceOf(IllegalStateException.class)
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
        consoles.started(b, allowing(b, 2)).close();
        consoles.started(a, allowing(a, 2)).close();
        ConsoleSubscription watchingB = consoles.subscribe(b, ALL, () -> { });
        ConsoleWriter running = consoles.started(Name.parse("tenant:running"), allowing(Name.parse("tenant:running"), 2));
        assertThat(consoles.inactive(TENANT)).containsExactly(a, b);

        consoles.started(c, allowing(c, 2));

        assertThat(consoles.inactive(TENANT)).containsExactly(a);
        assertThat(watchingB.poll(10)).containsExactly(new Ended(Reason.EVICTED));
        running.close();
    }

    @Test
    void consolesOnOtherPathsDoNotCountTowardsAPathsLimit() {
        consoles.started(Name.parse("other:a"), allowing(Name.parse("other:a"), 1)).close();
        consoles.started(Name.parse("other:b"), allowing(Name.parse("other:b"), 1)).close();
        consoles.started(Name.parse("tenant:a"), allowing(Name.parse("tenant:a"), 1)).close();
        consoles.started(Name.parse("tenant:b"), allowing(Name.parse("tenant:b"), 1)).close();
        assertThat(consoles.inactive(Path.ROOT)).hasSize(4);
    }

    @Test
    void consolesOnPathsBelowAPolicyCountTowardsItSoThatNoTenantKeepsMoreThanItsPolicyAllows() {
        ConsoleAllowance tenant = new ConsoleAllowance(TENANT, 1);
        Name a = Name.parse("tenant:x:a");
        Name b = Name.parse("tenant:y:b");
        Name c = Name.parse("tenant:z:c");
        consoles.started(a, List.of(new ConsoleAllowance(a.path(), 1), tenant)).close();
        consoles.started(b, List.of(new ConsoleAllowance(b.path(), 1), tenant)).close();
        assertThat(consoles.inactive(TENANT)).containsExactly(a, b);

        consoles.started(c, List.of(new ConsoleAllowance(c.path(), 1), tenant)).close();

        assertThat(consoles.inactive(TENANT)).containsExactly(b, c);
    }

    @Test
    void anAllowanceOfTheLargestPolicyKeepsEveryConsole() {
        assertThat(new ConsoleAllowance(TENANT, Integer.MAX_VALUE).consoles()).isEqualTo(Integer.MAX_VALUE);
        assertThat(new ConsoleAllowance(TENANT, 0).consoles()).isEqualTo(1);
        assertThatThrownBy(() -> new ConsoleAllowance(TENANT, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRestoredConsoleIsInactiveReadableAndContinuedByItsUnikernel() {
        consoles.restore(WEB, List.of(new ConsoleLine(T0, "before"), new ConsoleLine(T0.plusSeconds(2), "crash")));
        assertThat(consoles.inactive(TENANT)).containsExactly(WEB);
        assertThat(texts(consoles.subscribe(WEB, new ConsoleHistory.Since(T0.plusSeconds(1)), () -> { }).poll(10)))
                .containsExactly("crash");

        ConsoleWriter restarted = consoles.started(WEB, allowing(WEB, 1));
        write(restarted, "after\n");

        assertThat(texts(consoles.subscribe(WEB, ALL, () -> { }).poll(10))).containsExactly("before", "crash",
                "after");
        assertThatThrownBy(() -> consoles.restore(WEB, List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void restoredConsolesAreDroppedInTheOrderTheyWereRestored() {
        Name a = Name.parse("tenant:a");
        Name b = Name.parse("tenant:b");
        consoles.restore(b, List.of());
        consoles.restore(a, List.of());
        consoles.started(WEB, allowing(WEB, 1));
        assertThat(consoles.inactive(TENANT)).containsExactly(a);
    }

    @Test
    void prunedConsolesAreForgottenAndTheirSubscribersTold() {
        Name gone = Name.parse("tenant:gone");
        Name kept = Name.parse("tenant:kept");
        consoles.started(gone, allowing(gone, 5)).close();
        consoles.started(kept, allowing(kept, 5)).close();
        ConsoleWriter running = consoles.started(WEB, allowing(WEB, 5));
        ConsoleSubscription watchingGone = consoles.subscribe(gone, ALL, () -> { });

        consoles.retainInactive(Set.of(kept));

        assertThat(consoles.inactive(TENANT)).containsExactly(kept);
        assertThat(watchingGone.poll(10)).containsExactly(new Ended(Reason.PRUNED));
        write(running, "still here\n");
        assertThat(texts(consoles.subscribe(WEB, ALL, () -> { }).poll(10))).containsExactly("still here");
    }

    @Test
    void theJournalIsToldEverythingInOrder() {
        List<String> told = new ArrayList<>();
        Consoles journaled = new Consoles(new ConsoleLimits(8, 2, 4), clock, new ConsoleJournal() {
            @Override
            public void opened(Name name) {
                told.add("opened " + name);
            }

            @Override
            public void append(Name name, ConsoleLine line) {
                told.add(name + " " + line.text());
            }

            @Override
            public void closed(Name name) {
                told.add("closed " + name);
            }

            @Override
            public void forget(Name name) {
                told.add("forget " + name);
            }
        });
        ConsoleWriter first = journaled.created(WEB, allowing(WEB, 0));
        write(first, "one\ntw");
        first.close();
        journaled.started(WEB, allowing(WEB, 0)).close();
        journaled.created(WEB, allowing(WEB, 0)).close();
        Name other = Name.parse("tenant:other");
        journaled.started(other, allowing(other, 0)).close();

        assertThat(told).containsExactly("forget " + WEB, "opened " + WEB, WEB + " one", WEB + " tw",
                "closed " + WEB, "opened " + WEB, "closed " + WEB, "forget " + WEB, "opened " + WEB,
                "closed " + WEB, "opened " + other, "forget " + WEB, "closed " + other);
    }

    @Test
    void activeConsolesAreNeverEvicted() {
        consoles.started(Name.parse("tenant:a"), allowing(Name.parse("tenant:a"), 0));
        consoles.started(Name.parse("tenant:b"), allowing(Name.parse("tenant:b"), 0));
        consoles.started(Name.parse("tenant:c"), allowing(Name.parse("tenant:c"), 0));
        ConsoleSubscription subscription = consoles.subscribe(Name.parse("tenant:a"), ALL, () -> { });
        assertThat(subscription.poll(100)).noneMatch(Ended.class::isInstance);
    }

    @Test
    void aConsoleBelongsToAUnikernelNotToAPath() {
        assertThatThrownBy(() -> consoles.subscribe(Name.of(TENANT), ALL, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a path");
    }

    private static List<ConsoleAllowance> allowing(Name name, int unikernels) {
        return List.of(new ConsoleAllowance(name.path(), unikernels));
    }

    private static void write(ConsoleWriter writer, String output) {
        byte[] bytes = output.getBytes(UTF_8);
        writer.write(bytes, 0, bytes.length);
    }

    private static List<String> texts(List<ConsoleEvent> events) {
        return events.stream().filter(Line.class::isInstance).map(event -> ((Line) event).line().text()).toList();
    }
}

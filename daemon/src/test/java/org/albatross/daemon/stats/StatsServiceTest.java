package org.albatross.daemon.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.albatross.daemon.reply.OutboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.junit.jupiter.api.Test;

/** stats subscribe and initial: each subscriber of a name gets that unikernel's samples, and only those. */
class StatsServiceTest {
    private static final Name WEB = Name.parse("acme:web");
    /** What runs: acme:web, whose sample now has all its counters 7. */
    private final List<RunningUnikernel> running = new CopyOnWriteArrayList<>(List.of(
            Samples.of("acme:web", 7).unikernel()));
    private final StatsService service = new StatsService(() -> CompletableFuture.completedFuture(running),
            unikernel -> Samples.of(unikernel.name().toString(), 7));

    @Test
    void severalSubscribersOfANameEachGetItsSamplesAndNoOthers() {
        AtomicInteger wakeUps = new AtomicInteger();
        OutboundStream first = subscribe(WEB, wakeUps::incrementAndGet);
        OutboundStream second = subscribe(WEB, wakeUps::incrementAndGet);

        service.accept(List.of(Samples.of("acme:web", 1), Samples.of("acme:db", 2)));
        service.accept(List.of(Samples.of("acme:web", 3)));

        assertThat(wakeUps).hasValue(4);
        for (OutboundStream stream : List.of(first, second)) {
            OutboundStream.Batch batch = stream.poll(10);
            assertThat(batch.data()).containsExactly(sample("acme:web", 1), sample("acme:web", 3));
            assertThat(batch.ended()).isFalse();
        }
    }

    @Test
    void aClosedSubscriptionIsForgotten() {
        OutboundStream stream = subscribe(WEB, () -> { });
        assertThat(service.subscribers(WEB)).isEqualTo(1);
        assertThat(service.subscribed()).isTrue();

        stream.close();

        assertThat(service.subscribers(WEB)).isZero();
        assertThat(service.subscribed()).as("rounds are no longer wanted").isFalse();
        assertThat(stream.poll(10).ended()).isTrue();
    }

    @Test
    void aSubscriberThatFallsBehindKeepsTheNewestSamples() {
        OutboundStream stream = subscribe(WEB, () -> { });
        for (int round = 0; round < 100; round++) {
            service.accept(List.of(Samples.of("acme:web", round)));
        }

        List<Data> kept = stream.poll(1000).data();

        assertThat(kept).hasSizeLessThan(100).last().isEqualTo(sample("acme:web", 99));
    }

    @Test
    void initialSendsASampleTakenNowAndEnds() {
        Reply reply = service.handle(WEB, new StatsCommand.Initial(), () -> { }).join();

        OutboundStream.Batch batch = ((Reply.Streaming) reply).stream().poll(10);
        assertThat(batch.data()).containsExactly(sample("acme:web", 7));
        assertThat(batch.ended()).isTrue();
    }

    @Test
    void initialOfAUnikernelThatDoesNotRunIsAFailureSayingWhy() {
        running.clear();

        Reply reply = service.handle(WEB, new StatsCommand.Initial(), () -> { }).join();

        assertThat(reply.answer()).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.message()).isEqualTo("no statistics of acme:web: it does not run"));
    }

    @Test
    void addAndRemoveAreNotTakenFromClients() {
        Reply reply = service.handle(WEB, new StatsCommand.Remove(), () -> { }).join();

        assertThat(reply.answer()).isInstanceOf(Failure.class);
    }

    private OutboundStream subscribe(Name name, Runnable wakeUp) {
        Reply reply = service.handle(name, new StatsCommand.Subscribe(), wakeUp).join();
        assertThat(reply.answer()).isEqualTo(new Success.Message("subscribed"));
        return ((Reply.Streaming) reply).stream();
    }

    private static Data sample(String name, long n) {
        return new Data.StatisticsSample(Samples.of(name, n).statistics());
    }
}

package org.albatross.daemon.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.albatross.daemon.dispatch.OutboundStream;
import org.albatross.daemon.dispatch.Reply;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.junit.jupiter.api.Test;

/** stats subscribe and initial: each subscriber of a name gets that unikernel's samples, and only those. */
class StatsServiceTest {
    private static final Name WEB = Name.parse("acme:web");
    private final StatsService service = new StatsService();

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

        stream.close();

        assertThat(service.subscribers(WEB)).isZero();
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
    void initialSendsTheLatestSampleAndEnds() {
        service.accept(List.of(Samples.of("acme:web", 7)));

        Reply reply = service.handle(WEB, new StatsCommand.Initial(), () -> { });

        OutboundStream.Batch batch = ((Reply.Streaming) reply).stream().poll(10);
        assertThat(batch.data()).containsExactly(sample("acme:web", 7));
        assertThat(batch.ended()).isTrue();
    }

    @Test
    void initialOfAUnikernelNotSampledIsAFailureSayingWhy() {
        Reply reply = service.handle(WEB, new StatsCommand.Initial(), () -> { });

        assertThat(reply.answer()).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.message()).contains("no statistics of acme:web yet"));
    }

    @Test
    void addAndRemoveAreNotTakenFromClients() {
        Reply reply = service.handle(WEB, new StatsCommand.Remove(), () -> { });

        assertThat(reply.answer()).isInstanceOf(Failure.class);
    }

    private OutboundStream subscribe(Name name, Runnable wakeUp) {
        Reply reply = service.handle(name, new StatsCommand.Subscribe(), wakeUp);
        assertThat(reply.answer()).isEqualTo(new Success.Message("subscribed"));
        return ((Reply.Streaming) reply).stream();
    }

    private static Data sample(String name, long n) {
        return new Data.StatisticsSample(Samples.of(name, n).statistics());
    }
}

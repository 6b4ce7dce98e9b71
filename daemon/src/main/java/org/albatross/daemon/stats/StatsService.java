package org.albatross.daemon.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.albatross.daemon.reply.OutboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;

/**
 * {@code stats subscribe} and {@code stats initial} on the wire: a subscriber of a unikernel's name gets each of its
 * samples as {@code data statistics}, from the next round on, for as long as it stays; {@code initial} gets one
 * sample, taken then. Unlike albatross, several subscribers may follow the same name; one that falls behind loses
 * its oldest samples, never holds up the others.
 */
public final class StatsService implements Consumer<List<Sample>> {
    /** Samples a subscriber may have waiting: at 10 s per round, minutes of a stalled client. */
    private static final int QUEUED = 32;

    private final Supplier<CompletableFuture<List<RunningUnikernel>>> running;
    private final StatisticsSource source;
    private final Map<Name, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    /** @param running and {@code source} sample a unikernel for {@code initial} */
    public StatsService(Supplier<CompletableFuture<List<RunningUnikernel>>> running, StatisticsSource source) {
        this.running = running;
        this.source = source;
    }

    /** The reply to a statistics command for {@code name} (a unikernel's full name). */
    public CompletableFuture<Reply> handle(Name name, StatsCommand command, Runnable wakeUp) {
        if (command instanceof StatsCommand.Subscribe) {
            return CompletableFuture.completedFuture(subscribe(name, wakeUp));
        }
        if (command instanceof StatsCommand.Initial) {
            return running.get().thenApply(unikernels -> unikernels.stream()
                    .filter(unikernel -> unikernel.name().equals(name)).findFirst()
                    .flatMap(source::sampleIfRunning)
                    .<Reply>map(sample -> new Reply.Streaming(new Success.Message("statistics"),
                            new Subscriber(name, () -> { }, List.of(sample), true)))
                    .orElseGet(() -> Reply.failure("no statistics of " + name + ": it does not run")));
        }
        return CompletableFuture.completedFuture(Reply.failure("statistics of " + name + " are sampled by the daemon"
                + " itself; " + command.getClass().getSimpleName().toLowerCase() + " is not taken from clients"));
    }

    /** Whether anyone follows a unikernel's statistics now. */
    public boolean subscribed() {
        return !subscribers.isEmpty();
    }

    private Reply subscribe(Name name, Runnable wakeUp) {
        Subscriber subscriber = new Subscriber(name, wakeUp, List.of(), false);
        subscribers.computeIfAbsent(name, ignored -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return new Reply.Streaming(new Success.Message("subscribed"), subscriber);
    }

    /** Delivers one round of samples to the subscribers of each sampled name. */
    @Override
    public void accept(List<Sample> round) {
        for (Sample sample : round) {
            subscribers.getOrDefault(sample.unikernel().name(), Set.of())
                    .forEach(subscriber -> subscriber.offer(sample));
        }
    }

    /** How many subscribers follow {@code name} now. */
    public int subscribers(Name name) {
        return subscribers.getOrDefault(name, Set.of()).size();
    }

    private final class Subscriber implements OutboundStream {
        private final Name name;
        private final Runnable wakeUp;
        private final BlockingQueue<Data> queued = new ArrayBlockingQueue<>(QUEUED);
        private final boolean once;
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscriber(Name name, Runnable wakeUp, List<Sample> first, boolean once) {
            this.name = name;
            this.wakeUp = wakeUp;
            this.once = once;
            first.forEach(this::offer);
        }

        void offer(Sample sample) {
            Data data = new Data.StatisticsSample(sample.statistics());
            while (!queued.offer(data)) {
                queued.poll();
            }
            wakeUp.run();
        }

        @Override
        public Batch poll(int max) {
            List<Data> data = new ArrayList<>();
            queued.drainTo(data, max);
            return new Batch(data, (once || closed.get()) && queued.isEmpty());
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscribers.computeIfPresent(name, (ignored, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
            }
        }
    }
}

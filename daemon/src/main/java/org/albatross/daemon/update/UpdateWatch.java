package org.albatross.daemon.update;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.albatross.daemon.state.KeptUpdate;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches updated unikernels off the state thread: one thread of its own looks at each watch every
 * {@link #INTERVAL} (making its probe, at most {@link Prober#TIMEOUT} each), judges it ({@link HealthJudgement}) and
 * hands a decision to the supervisor, which keeps the new image or rolls back on its state thread. At most one watch
 * per unikernel: a newer update, a rollback or a destroy cancels it.
 */
public final class UpdateWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateWatch.class);
    /** How often a watch looks again (and probes). */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    /** Where a watch's decision goes: the supervisor, which acts on it only while the watch is still the current one. */
    @FunctionalInterface
    public interface Decisions {
        void decided(Name name, UnikernelSpec watched, KeptUpdate.Watch watch, HealthJudgement.Verdict verdict);
    }

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread watching = new Thread(runnable, "albatross-update-watch");
        watching.setDaemon(true);
        return watching;
    });
    private final Map<Name, Watched> watched = new ConcurrentHashMap<>();
    private final Prober prober;
    private final Clock clock;
    private final Decisions decisions;

    public UpdateWatch(Prober prober, Clock clock, Decisions decisions) {
        this.prober = prober;
        this.clock = clock;
        this.decisions = decisions;
    }

    /**
     * Why {@code name}'s update may not be watched by {@code check}, if it may not: a probe's host that does not
     * resolve, or that {@link ProbeReach} refuses. Resolved on the watch's thread, never the caller's.
     */
    public CompletableFuture<Optional<String>> refusal(Name name, HealthCheck check) {
        return CompletableFuture.supplyAsync(() -> prober.unreachable(name, check), thread);
    }

    /**
     * Watches {@code name}, which runs {@code spec}, until {@code watch} decides. That it stops on its own is the
     * supervisor's to notice: it rolls back at once.
     */
    public void watch(Name name, UnikernelSpec spec, KeptUpdate.Watch watch) {
        Watched entry = new Watched(name, spec, watch);
        Watched before = watched.put(name, entry);
        if (before != null) {
            LOG.info("the watch of {} ({}) gives way to a newer one", name, before.watch.health());
        }
        thread.execute(entry::look);
    }

    /** Ends {@code name}'s watch, if any, without a decision. */
    public void cancel(Name name) {
        watched.remove(name);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** One watch: it looks, judges, and either looks again later or hands over its decision. */
    private final class Watched {
        private final Name name;
        private final UnikernelSpec spec;
        private final KeptUpdate.Watch watch;

        Watched(Name name, UnikernelSpec spec, KeptUpdate.Watch watch) {
            this.name = name;
            this.spec = spec;
            this.watch = watch;
        }

        void look() {
            if (watched.get(name) != this) {
                return;
            }
            HealthJudgement.Probe probe = prober.probe(name, watch.health().check());
            HealthJudgement.Verdict verdict = HealthJudgement.judge(watch, clock.instant(), Optional.empty(), probe);
            if (verdict instanceof HealthJudgement.Verdict.Wait) {
                thread.schedule(this::look, HealthJudgement.untilNextLook(watch, clock.instant(), INTERVAL).toNanos(),
                        TimeUnit.NANOSECONDS);
            } else if (watched.remove(name, this)) {
                decisions.decided(name, spec, watch, verdict);
            }
        }
    }
}

package org.albatross.daemon.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.albatross.daemon.state.KeptUpdate;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.update.HealthJudgement;
import org.albatross.daemon.update.Prober;
import org.albatross.daemon.update.UpdateWatch;
import org.albatross.protocol.Event;
import org.albatross.protocol.Failure;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.vmm.UnikernelImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's updates (docs/daemon.md "Updates"): the record of each updated unikernel ({@link KeptUpdate}),
 * their watches, and what an update, a rollback and a watch's verdict do, in terms of the supervisor's
 * {@link Lifecycle}. Used on the state thread only; the watches run on {@link UpdateWatch}'s own thread and hand
 * their decisions back to it.
 */
final class Updates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Updates.class);
    /** A watch resumed by a daemon that started again ends no earlier than this after the start. */
    static final Duration RESUMED_WATCH_GRACE = Duration.ofSeconds(10);

    /** What an update needs of the supervisor, on its state thread. */
    interface Lifecycle {
        /** What {@code name} runs, or waits to run again, or ran before its boot loop was stopped. */
        Optional<UnikernelSpec> specOf(Name name);

        /**
         * Runs {@code to} in place of {@code from} as {@code name}, {@code kept} saved with it before anything
         * stops and {@code started} logged; {@code from} starts again if {@code to} does not.
         */
        CompletableFuture<Reply> change(Name name, UnikernelSpec from, UnikernelSpec to, UnikernelImage image,
                KeptUpdate kept, Event started) throws CommandFailed;

        /** The stored image of {@code spec}. */
        UnikernelImage stored(UnikernelSpec spec) throws CommandFailed;

        /** Saves the state after a change that has happened already. */
        void persist();

        /** Runs {@code step} on the state thread. */
        void onState(Runnable step);
    }

    private final Map<Name, KeptUpdate> kept = new HashMap<>();
    private final UpdateWatch watch;
    private final Clock clock;
    private final EventSink events;
    private final Lifecycle lifecycle;

    Updates(Prober prober, Clock clock, EventSink events, Lifecycle lifecycle) {
        this.watch = new UpdateWatch(prober, clock, this::decided);
        this.clock = clock;
        this.events = events;
        this.lifecycle = lifecycle;
    }

    /**
     * Updates {@code name} to {@code next}, keeping what it runs for a rollback and watching {@code next} by
     * {@code health}.
     */
    CompletableFuture<Reply> update(Name name, UnikernelSpec next, UnikernelImage image, Optional<HealthWatch> health)
            throws CommandFailed {
        UnikernelSpec previous = lifecycle.specOf(name).orElseThrow(() -> new CommandFailed("update: there is no"
                + " unikernel " + name + " to update; create it first"));
        Optional<KeptUpdate.Watch> watched = health.map(wanted -> new KeptUpdate.Watch(wanted,
                clock.instant().plusSeconds(wanted.seconds())));
        return lifecycle.change(name, previous, next, image, new KeptUpdate(previous, watched),
                new Event.UpdateStarted(name, previous.imageDigest(), next.imageDigest(),
                        health.map(Object::toString).orElse("none")))
                .thenApply(reply -> reply.answer() instanceof Success ? Reply.done("updated unikernel"
                        + health.map(wanted -> ", watching it: " + wanted).orElse("")) : reply);
    }

    /**
     * Rolls {@code name} back to its kept spec, keeping what it runs. {@code watched} is what a failed watch
     * watched, for a unikernel that stopped for good during it and so runs nothing now.
     */
    CompletableFuture<Reply> rollBack(Name name, Optional<UnikernelSpec> watched, String why) throws CommandFailed {
        KeptUpdate update = of(name).orElseThrow(() -> new CommandFailed("rollback: " + name + " has no previous"
                + " image: only an update keeps one"));
        UnikernelSpec current = lifecycle.specOf(name).or(() -> watched).orElseThrow(() -> new CommandFailed(
                "rollback: there is no unikernel " + name));
        UnikernelSpec previous = update.previous();
        return lifecycle.change(name, current, previous, lifecycle.stored(previous),
                new KeptUpdate(current, Optional.empty()),
                new Event.RolledBack(name, current.imageDigest(), previous.imageDigest(), why))
                .thenApply(reply -> reply.answer() instanceof Success ? Reply.done("rolled back " + name
                        + " to image " + previous.imageDigest().toHex()) : reply);
    }

    /**
     * A unikernel that stopped on its own ({@code why}) while watched fails its watch at once: the previous one
     * starts in place of a restart. Answers whether it did.
     */
    boolean stopped(Name name, UnikernelSpec watched, String why) {
        Optional<KeptUpdate.Watch> current = of(name).flatMap(KeptUpdate::watch);
        return current.isPresent() && failed(name, watched, ((HealthJudgement.Verdict.RollBack) HealthJudgement
                .judge(current.get(), clock.instant(), Optional.of(why), new HealthJudgement.Probe.NotYet())).why());
    }

    /** A watch's decision, acted on on the state thread unless a newer change made it moot. */
    private void decided(Name name, UnikernelSpec watched, KeptUpdate.Watch decided,
            HealthJudgement.Verdict verdict) {
        lifecycle.onState(() -> {
            if (of(name).flatMap(KeptUpdate::watch).filter(current -> current == decided).isEmpty()) {
                return;
            }
            if (verdict instanceof HealthJudgement.Verdict.Keep keep) {
                put(name, of(name).orElseThrow().watched());
                LOG.info("{} keeps its new image: {}", name, keep.how());
                events.record(new Event.UpdatePassed(name, watched.imageDigest(), keep.how()));
                lifecycle.persist();
                return;
            }
            failed(name, watched, ((HealthJudgement.Verdict.RollBack) verdict).why());
        });
    }

    /** Rolls {@code name} back after its watch failed ({@code why}); answers whether the rollback began. */
    private boolean failed(Name name, UnikernelSpec watched, String why) {
        LOG.warn("{} failed its health check, rolling back: {}", name, why);
        try {
            rollBack(name, Optional.of(watched), why).thenAccept(reply -> {
                if (reply.answer() instanceof Failure failure) {
                    LOG.error("the rollback of {} failed: {}", name, failure.message());
                }
            });
            return true;
        } catch (CommandFailed e) {
            LOG.error("the rollback of {} failed: {}", name, e.getMessage());
            return false;
        }
    }

    /** Why {@code name}'s update may not be watched by {@code health}, if it may not; off the state thread. */
    CompletableFuture<Optional<String>> refusal(Name name, Optional<HealthWatch> health) {
        return health.map(wanted -> watch.refusal(name, wanted.check()))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    /** Watches {@code name}, which now runs {@code spec}, as its record {@code update} says, if it says so. */
    void watch(Name name, UnikernelSpec spec, KeptUpdate update) {
        update.watch().ifPresent(wanted -> watch.watch(name, spec, wanted));
    }

    Optional<KeptUpdate> of(Name name) {
        return Optional.ofNullable(kept.get(name));
    }

    /** Records {@code update} for {@code name}, ending any watch of an earlier one; answers the record it replaced. */
    Optional<KeptUpdate> put(Name name, KeptUpdate update) {
        watch.cancel(name);
        return Optional.ofNullable(kept.put(name, update));
    }

    /** Puts back what {@link #put} replaced, when the change could not be saved. */
    void undo(Name name, Optional<KeptUpdate> before) {
        before.ifPresentOrElse(update -> kept.put(name, update), () -> kept.remove(name));
    }

    /** Forgets {@code name}'s update: the unikernel was destroyed or created anew. */
    void forget(Name name) {
        watch.cancel(name);
        kept.remove(name);
    }

    /** The records of the unikernels {@code known} names, as the state saves them. */
    Map<Name, KeptUpdate> of(Predicate<Name> known) {
        Map<Name, KeptUpdate> saved = new HashMap<>();
        kept.forEach((name, update) -> {
            if (known.test(name)) {
                saved.put(name, update);
            }
        });
        return saved;
    }

    /** The previous images of the unikernels {@code known} names: the image store keeps them. */
    Set<Octets> images(Predicate<Name> known) {
        return Set.copyOf(of(known).values().stream().map(update -> update.previous().imageDigest()).toList());
    }

    /**
     * What a starting daemon runs for {@code name}, saved as running {@code saved} with the record {@code update}:
     * when the tender the run directory holds still runs the previous image ({@code previousRuns}), the daemon was
     * killed after it saved the change and before it stopped that tender, so the change did not happen and the
     * previous spec runs on, the record turned round so that a rollback makes the change. Otherwise the saved spec,
     * the record as it was.
     */
    UnikernelSpec restored(Name name, UnikernelSpec saved, KeptUpdate update, boolean previousRuns) {
        boolean notMade = previousRuns && !update.previous().imageDigest().equals(saved.imageDigest());
        kept.put(name, notMade ? new KeptUpdate(saved, Optional.empty()) : update);
        if (!notMade) {
            return saved;
        }
        LOG.warn("{}: the daemon was killed after saving its update or rollback and before it stopped the unikernel:"
                + " it runs on with image {}", name, update.previous().imageDigest().toHex());
        events.record(new Event.RolledBack(name, saved.imageDigest(), update.previous().imageDigest(), "the daemon"
                + " was killed before the change replaced the running image, which runs on"));
        return update.previous();
    }

    /**
     * Resumes the watches of a restored state whose unikernels run, each ending at its saved deadline but no earlier
     * than {@link #RESUMED_WATCH_GRACE} from now; a watched unikernel that does not run (it ended while no daemon
     * watched, or did not start again) fails its watch.
     */
    void resume(Map<Name, UnikernelSpec> specs, Predicate<Name> running) {
        Instant earliest = clock.instant().plus(RESUMED_WATCH_GRACE);
        List<Name> failed = new ArrayList<>();
        Map.copyOf(kept).forEach((name, update) -> update.watch().ifPresent(saved -> {
            UnikernelSpec spec = specs.get(name);
            if (spec == null) {
                return;
            }
            if (!running.test(name)) {
                failed.add(name);
                return;
            }
            KeptUpdate.Watch resumed = saved.deadline().isBefore(earliest)
                    ? new KeptUpdate.Watch(saved.health(), earliest) : saved;
            kept.put(name, new KeptUpdate(update.previous(), Optional.of(resumed)));
            watch.watch(name, spec, resumed);
        }));
        failed.forEach(name -> stopped(name, specs.get(name), "it did not run when the daemon started again"));
    }

    @Override
    public void close() {
        watch.close();
    }
}

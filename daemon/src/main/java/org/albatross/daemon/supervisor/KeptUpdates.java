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
import java.util.function.Predicate;
import org.albatross.daemon.state.KeptUpdate;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.update.UpdateWatch;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;

/**
 * The supervisor's update records, one per updated unikernel ({@link KeptUpdate}), and their watches. Used on the
 * state thread only; the watches run on {@link UpdateWatch}'s own thread.
 */
final class KeptUpdates implements AutoCloseable {
    /** A watch resumed by a daemon that started again ends no earlier than this after the start. */
    static final Duration RESUMED_WATCH_GRACE = Duration.ofSeconds(10);

    private final Map<Name, KeptUpdate> kept = new HashMap<>();
    private final UpdateWatch watch;
    private final Clock clock;

    KeptUpdates(UpdateWatch watch, Clock clock) {
        this.watch = watch;
        this.clock = clock;
    }

    UpdateWatch watch() {
        return watch;
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

    /** Whether {@code watched} is still {@code name}'s current watch (a newer change makes a decision moot). */
    boolean isCurrent(Name name, KeptUpdate.Watch watched) {
        return of(name).flatMap(KeptUpdate::watch).filter(current -> current == watched).isPresent();
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
        return notMade ? update.previous() : saved;
    }

    /**
     * Resumes the watches of a restored state whose unikernels run, each ending at its saved deadline but no earlier
     * than {@link #RESUMED_WATCH_GRACE} from now; answers the watched unikernels that do not run (they ended while no
     * daemon watched, or did not start again), which fail their watch.
     */
    List<Name> resume(Map<Name, UnikernelSpec> specs, Predicate<Name> running) {
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
        return failed;
    }

    @Override
    public void close() {
        watch.close();
    }
}

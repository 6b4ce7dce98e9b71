package org.albatross.console;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consoles of all unikernels: the daemon tells it when a unikernel starts ({@link #created} or {@link #started},
 * giving a {@link ConsoleWriter} for its output) and clients {@link #subscribe} to a console or list the
 * {@linkplain #inactive inactive} ones. A {@link ConsoleJournal} keeps them beyond the daemon's life; the daemon
 * gives back what it kept with {@link #restore}.
 *
 * <p>Albatross's rules, and ours: a console is kept after its unikernel is gone ("inactive"); a restart of the same
 * unikernel continues it, a new unikernel of that name starts it afresh. The consoles at or under a path with a policy
 * are at most (its unikernel count + 1), the inactive one that stopped first being dropped to make room (albatross
 * counts a path alone: a tenant could keep any number through paths below its own). A console has a limited number
 * of subscribers, a new one kicking the oldest; subscribing to a name that has no console yet waits for the
 * unikernel to start.
 *
 * <p>These calls take a lock; writing output and polling subscriptions do not.
 */
public final class Consoles {
    private static final Logger LOG = LoggerFactory.getLogger(Consoles.class);

    private final ConsoleLimits limits;
    private final InstantSource clock;
    private final ConsoleJournal journal;
    private final Map<Name, UnikernelConsole> consoles = new LinkedHashMap<>();
    /**
     * How many kept consoles (those with a ring) each path holds itself, which {@link #kept} sums over the few paths
     * under an allowance's: a start checks its allowances without walking every console (a restore of a thousand
     * unikernels would walk them a million times).
     */
    private final Map<Path, Integer> keptAt = new HashMap<>();
    private long stops;

    /** Consoles kept in memory only. */
    public Consoles(ConsoleLimits limits, InstantSource clock) {
        this(limits, clock, ConsoleJournal.NONE);
    }

    /**
     * @param clock stamps each line with the time its chunk of output was read
     * @param journal keeps the consoles beyond the daemon's memory
     */
    public Consoles(ConsoleLimits limits, InstantSource clock, ConsoleJournal journal) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * A new unikernel took the name: its console starts empty, and the lines of an earlier unikernel of that name are
     * dropped, from memory and from the journal. Subscribers of the name get the new unikernel's lines.
     *
     * @see #started
     */
    public synchronized ConsoleWriter created(Name name, List<ConsoleAllowance> allowances) {
        UnikernelConsole console = inactiveConsole(name);
        if (console.ring() != null) {
            console.ring(new ConsoleRing(limits.ringLines()));
        }
        journal.forget(name);
        return start(console, allowances);
    }

    /**
     * The unikernel started again (restarted, or taken over from an earlier daemon): its console continues with the
     * lines it had. Subscribers waiting for it start receiving.
     *
     * <p>Either way, every allowance is then enforced: where the consoles at or under its path are more than it
     * allows, the inactive ones that stopped first are dropped and their subscribers told.
     *
     * @param allowances the allowance of every policy from the name's path up to the root
     * @return the writer for the unikernel's output; close it when the output ends
     * @throws IllegalStateException if the console's previous writer is not closed yet
     */
    public synchronized ConsoleWriter started(Name name, List<ConsoleAllowance> allowances) {
        return start(inactiveConsole(name), allowances);
    }

    /**
     * A console the journal kept from before the daemon started: inactive, with its last lines, oldest first. Restore
     * the consoles in the order their unikernels stopped, before any unikernel starts.
     */
    public synchronized void restore(Name name, List<ConsoleLine> lines) {
        UnikernelConsole console = consoles.computeIfAbsent(requireUnikernel(name), UnikernelConsole::new);
        if (console.ring() != null) {
            throw new IllegalStateException("the console of " + name + " exists already; restore it only once, "
                    + "before any unikernel starts");
        }
        ConsoleRing ring = new ConsoleRing(limits.ringLines());
        lines.forEach(ring::append);
        keep(console, ring);
        console.stoppedAt = ++stops;
    }

    /**
     * Subscribes to a unikernel's console: the history it asks for (if the console exists), then every new line. A
     * subscriber beyond the limit kicks the oldest one, which is told so.
     *
     * @param onAvailable run, without blocking, when there is something new to {@linkplain ConsoleSubscription#poll
     *     poll}; see {@link ConsoleSubscription}
     */
    public synchronized ConsoleSubscription subscribe(Name name, ConsoleHistory history, Runnable onAvailable) {
        UnikernelConsole console = consoles.computeIfAbsent(requireUnikernel(name), UnikernelConsole::new);
        ConsoleSubscription subscription = new ConsoleSubscription(console, history, limits.subscriberLag(),
                onAvailable, this::unsubscribe);
        ConsoleSubscription[] subscribers = Arrays.copyOf(console.subscribers(), console.subscribers().length + 1);
        subscribers[subscribers.length - 1] = subscription;
        console.subscribers(subscribers);
        if (subscribers.length > limits.subscribersPerUnikernel()) {
            LOG.info("console of {}: subscriber {} kicks the oldest", name, subscribers.length);
            subscribers[0].end(ConsoleEvent.Reason.KICKED);
        }
        return subscription;
    }

    /** The unikernels at or under {@code path} whose console is kept although they do not run, sorted by name. */
    public synchronized List<Name> inactive(Path path) {
        return consoles.values().stream()
                .filter(console -> isInactive(console) && console.name.path().startsWith(path))
                .map(console -> console.name)
                .sorted(Name.TEXT_ORDER)
                .toList();
    }

    /**
     * Drops the inactive consoles not in {@code kept}, telling their subscribers: the operator pruned them from the
     * journal. Running unikernels' consoles stay.
     */
    public synchronized void retainInactive(Set<Name> kept) {
        consoles.values().stream()
                .filter(console -> isInactive(console) && !kept.contains(console.name))
                .toList()
                .forEach(console -> drop(console, ConsoleEvent.Reason.PRUNED));
    }

    private UnikernelConsole inactiveConsole(Name name) {
        UnikernelConsole console = consoles.computeIfAbsent(requireUnikernel(name), UnikernelConsole::new);
        if (console.isActive()) {
            throw new IllegalStateException("the console of " + name
                    + " already has a writer: close the previous run's writer first");
        }
        return console;
    }

    private ConsoleWriter start(UnikernelConsole console, List<ConsoleAllowance> allowances) {
        if (console.ring() == null) {
            keep(console, new ConsoleRing(limits.ringLines()));
        }
        journal.opened(console.name);
        console.writer = new ConsoleWriter(console, clock, journal, this::stopped);
        allowances.forEach(this::enforce);
        console.signalSubscribers();
        return console.writer;
    }

    private synchronized void stopped(ConsoleWriter writer) {
        UnikernelConsole console = writer.console();
        if (console.writer == writer) {
            console.writer = null;
            console.stoppedAt = ++stops;
            journal.closed(console.name);
        }
    }

    private synchronized void unsubscribe(ConsoleSubscription subscription) {
        UnikernelConsole console = subscription.console();
        console.subscribers(Arrays.stream(console.subscribers())
                .filter(other -> other != subscription)
                .toArray(ConsoleSubscription[]::new));
        if (console.ring() == null && console.subscribers().length == 0) {
            consoles.remove(console.name, console);
        }
    }

    /** Drops the inactive consoles that stopped first at or under the allowance's path until it holds. */
    private void enforce(ConsoleAllowance allowance) {
        while (kept(allowance.path()) > allowance.consoles()) {
            Optional<UnikernelConsole> first = consoles.values().stream()
                    .filter(console -> isInactive(console) && console.name.path().startsWith(allowance.path()))
                    .min(Comparator.comparingLong(console -> console.stoppedAt));
            if (first.isEmpty()) {
                LOG.warn("{} keeps {} consoles, more than the {} its policy allows, but none is inactive",
                        allowance.path(), kept(allowance.path()), allowance.consoles());
                return;
            }
            drop(first.get(), ConsoleEvent.Reason.EVICTED);
        }
    }

    private long kept(Path path) {
        long kept = 0;
        for (Map.Entry<Path, Integer> at : keptAt.entrySet()) {
            if (at.getKey().startsWith(path)) {
                kept += at.getValue();
            }
        }
        return kept;
    }

    /** Gives a console that has none its ring, so that it is kept (and counted). */
    private void keep(UnikernelConsole console, ConsoleRing ring) {
        keptAt.merge(console.name.path(), 1, Integer::sum);
        console.ring(ring);
    }

    private void drop(UnikernelConsole console, ConsoleEvent.Reason reason) {
        LOG.info("dropping the inactive console of {}: {}", console.name, reason.message());
        consoles.remove(console.name);
        keptAt.computeIfPresent(console.name.path(), (path, kept) -> kept == 1 ? null : kept - 1);
        journal.forget(console.name);
        for (ConsoleSubscription subscriber : console.subscribers()) {
            subscriber.end(reason);
        }
    }

    private static boolean isInactive(UnikernelConsole console) {
        return console.ring() != null && !console.isActive();
    }

    private static Name requireUnikernel(Name name) {
        if (name.label().isEmpty()) {
            throw new IllegalArgumentException("a console belongs to a unikernel, but \"" + name
                    + "\" is a path: name the unikernel, as in " + name + "hello");
        }
        return name;
    }
}

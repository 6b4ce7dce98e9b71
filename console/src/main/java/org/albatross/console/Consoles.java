package org.albatross.console;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consoles of all unikernels: the daemon tells it when a unikernel starts ({@link #started}, giving a
 * {@link ConsoleWriter} for its output) and clients {@link #subscribe} to a console or list the
 * {@linkplain #inactive inactive} ones.
 *
 * <p>Albatross's rules: a console is kept after its unikernel is gone ("inactive") and reused when a unikernel of
 * that name starts again; a path keeps at most (its policy's unikernel count + 1) consoles, the inactive one that
 * stopped first being dropped to make room; a console has a limited number of subscribers, a new one kicking the
 * oldest; subscribing to a name that has no console yet waits for the unikernel to start.
 *
 * <p>These calls take a lock; writing output and polling subscriptions do not.
 */
public final class Consoles {
    private static final Logger LOG = LoggerFactory.getLogger(Consoles.class);

    private final ConsoleLimits limits;
    private final InstantSource clock;
    private final Map<Name, UnikernelConsole> consoles = new LinkedHashMap<>();
    private long stops;

    /** @param clock stamps each line with the time its chunk of output was read */
    public Consoles(ConsoleLimits limits, InstantSource clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A unikernel started: its console becomes active, keeping the lines of an earlier run of the same name, and
     * subscribers waiting for it start receiving. If the path now has more than {@code unikernelsOnPath + 1}
     * consoles, the inactive one that stopped first is dropped and its subscribers are told.
     *
     * @param unikernelsOnPath how many unikernels the policy of the name's path allows
     * @return the writer for the unikernel's output; close it when the output ends
     * @throws IllegalStateException if the console's previous writer is not closed yet
     */
    public synchronized ConsoleWriter started(Name name, int unikernelsOnPath) {
        UnikernelConsole console = consoles.computeIfAbsent(requireUnikernel(name), UnikernelConsole::new);
        if (console.isActive()) {
            throw new IllegalStateException("the console of " + name
                    + " already has a writer: close the previous run's writer first");
        }
        if (console.ring() == null) {
            console.ring(new ConsoleRing(limits.ringLines()));
        }
        console.writer = new ConsoleWriter(console, clock, this::stopped);
        evictBeyond(name.path(), unikernelsOnPath + 1);
        console.signalSubscribers();
        return console.writer;
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
                .filter(console -> console.ring() != null && !console.isActive())
                .map(console -> console.name)
                .filter(name -> name.path().startsWith(path))
                .sorted(Comparator.comparing(Name::toString))
                .toList();
    }

    private synchronized void stopped(ConsoleWriter writer) {
        UnikernelConsole console = writer.console();
        if (console.writer == writer) {
            console.writer = null;
            console.stoppedAt = ++stops;
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

    private void evictBeyond(Path path, int kept) {
        List<UnikernelConsole> onPath = new ArrayList<>();
        for (UnikernelConsole console : consoles.values()) {
            if (console.ring() != null && console.name.path().equals(path)) {
                onPath.add(console);
            }
        }
        if (onPath.size() <= kept) {
            return;
        }
        onPath.stream()
                .filter(console -> !console.isActive())
                .min(Comparator.comparingLong(console -> console.stoppedAt))
                .ifPresentOrElse(this::evict, () -> LOG.warn(
                        "path {} has {} consoles, more than the {} it may keep, but none is inactive",
                        path, onPath.size(), kept));
    }

    private void evict(UnikernelConsole console) {
        LOG.info("dropping the inactive console of {}", console.name);
        consoles.remove(console.name);
        for (ConsoleSubscription subscriber : console.subscribers()) {
            subscriber.end(ConsoleEvent.Reason.EVICTED);
        }
    }

    private static Name requireUnikernel(Name name) {
        if (name.label().isEmpty()) {
            throw new IllegalArgumentException("a console belongs to a unikernel, but \"" + name
                    + "\" is a path: name the unikernel, as in " + name + "hello");
        }
        return name;
    }
}

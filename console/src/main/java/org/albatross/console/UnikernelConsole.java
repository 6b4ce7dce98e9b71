package org.albatross.console;

import org.albatross.protocol.Name;

/**
 * One unikernel's console inside {@link Consoles}: its ring (absent while subscribers wait for the unikernel to
 * start), its subscribers, and whether the unikernel runs. Structure changes happen under the lock of
 * {@link Consoles}; the writer and the subscribers read the volatile fields without it.
 */
final class UnikernelConsole {
    private static final ConsoleSubscription[] NONE = new ConsoleSubscription[0];

    final Name name;
    private volatile ConsoleRing ring;
    private volatile ConsoleSubscription[] subscribers = NONE;
    /** The writer of the running unikernel, {@code null} while it does not run. */
    ConsoleWriter writer;
    /** When the unikernel stopped, in the order of {@link Consoles}' stops: the smallest is evicted first. */
    long stoppedAt;

    UnikernelConsole(Name name) {
        this.name = name;
    }

    ConsoleRing ring() {
        return ring;
    }

    void ring(ConsoleRing ring) {
        this.ring = ring;
    }

    ConsoleSubscription[] subscribers() {
        return subscribers;
    }

    void subscribers(ConsoleSubscription[] subscribers) {
        this.subscribers = subscribers;
    }

    boolean isActive() {
        return writer != null;
    }

    /** Tells every subscriber that there is something new to poll. Called by the writer; never blocks. */
    void signalSubscribers() {
        for (ConsoleSubscription subscriber : subscribers) {
            subscriber.signal();
        }
    }
}

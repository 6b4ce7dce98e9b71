package org.albatross.daemon.dispatch;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.albatross.console.ConsoleEvent;
import org.albatross.console.ConsoleHistory;
import org.albatross.console.ConsoleSubscription;
import org.albatross.console.Consoles;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.reply.OutboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console commands on the wire: subscribe (albatross's "subscribed" or "waiting for VM", then the lines as
 * {@code data console}) and list-inactive. A subscriber that fell behind gets one line saying how many it missed.
 */
public final class ConsoleService {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);

    private final Consoles consoles;
    private final InstantSource clock;
    private final AtomicInteger subscribers = new AtomicInteger();

    public ConsoleService(Consoles consoles, InstantSource clock) {
        this.consoles = consoles;
        this.clock = clock;
    }

    Reply handle(Name name, ConsoleCommand command, Runnable wakeUp) throws CommandFailed {
        if (command instanceof ConsoleCommand.ListInactive) {
            return new Reply.Final(new Success.Consoles(consoles.inactive(name.asPath())));
        }
        if (command instanceof ConsoleCommand.Add) {
            throw new CommandFailed("console add is the daemon's own business: a unikernel's console is collected "
                    + "when it starts");
        }
        if (name.label().isEmpty()) {
            throw new CommandFailed("the name \"" + name + "\" is a path; subscribe to a unikernel's console by its "
                    + "name, e.g. \"" + name.path() + (name.path().isRoot() ? "" : ":") + "hello\"");
        }
        ConsoleHistory history = command instanceof ConsoleCommand.SubscribeSince since
                ? new ConsoleHistory.Since(since.since())
                : new ConsoleHistory.Last(((ConsoleCommand.SubscribeCount) command).count());
        ConsoleSubscription subscription = consoles.subscribe(name, history, wakeUp);
        subscribers.incrementAndGet();
        String answer = subscription.isWaitingForUnikernel() ? "waiting for VM" : "subscribed";
        return new Reply.Streaming(new Success.Message(answer), new ConsoleStream(subscription));
    }

    /** How many console streams are open now, for the metrics; safe from any thread. */
    public int subscribers() {
        return subscribers.get();
    }

    private final class ConsoleStream implements OutboundStream {
        private final ConsoleSubscription subscription;
        private final AtomicBoolean closed = new AtomicBoolean();

        ConsoleStream(ConsoleSubscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public Batch poll(int max) {
            List<Data> data = new ArrayList<>();
            boolean ended = false;
            for (ConsoleEvent event : subscription.poll(max)) {
                if (event instanceof ConsoleEvent.Line line) {
                    data.add(new Data.ConsoleLine(line.line().timestamp(), line.line().text()));
                } else if (event instanceof ConsoleEvent.Missed missed) {
                    data.add(new Data.ConsoleLine(clock.instant(), "[albatrossd: " + missed.lines()
                            + " lines missed, this subscriber fell behind]"));
                } else if (event instanceof ConsoleEvent.Ended end) {
                    LOG.debug("console subscription to {} ended: {}", subscription.name(), end.reason().message());
                    ended = true;
                }
            }
            return new Batch(data, ended);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscribers.decrementAndGet();
            }
            subscription.close();
        }
    }
}

package org.albatross.daemon.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.events.EventQuery;
import org.albatross.daemon.events.EventReceiver;
import org.albatross.daemon.events.EventSubscription;
import org.albatross.daemon.reply.OutboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.protocol.Data;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;

/**
 * Our event log on the wire: both forms subscribe, answering "subscribed", then stream the history asked for and
 * every new event as {@code data event}, filtered to the names under the header's path.
 */
public final class EventLogService {
    /** Events a connection may have waiting to be written; beyond it, new ones are dropped for it and counted. */
    private static final int QUEUED = 1024;

    private final EventLog log;

    public EventLogService(EventLog log) {
        this.log = log;
    }

    Reply handle(Name name, EventLogCommand command, Runnable wakeUp) {
        EventQuery history = command instanceof EventLogCommand.SubscribeSince since
                ? new EventQuery.Since(since.since())
                : new EventQuery.Last(((EventLogCommand.SubscribeCount) command).count());
        Queued queued = new Queued(wakeUp);
        EventSubscription subscription = log.subscribe(name.asPath(), history, queued);
        return new Reply.Streaming(new Success.Message("subscribed"), new OutboundStream() {
            @Override
            public Batch poll(int max) {
                List<Data> data = new ArrayList<>();
                queued.events.drainTo(data, max);
                return new Batch(data, subscription.isClosed() && queued.events.isEmpty());
            }

            @Override
            public void close() {
                subscription.close();
            }
        });
    }

    /** A connection's events waiting to be written; each one taken wakes the connection up to write it. */
    private static final class Queued implements EventReceiver {
        final BlockingQueue<Data.EventEntry> events = new ArrayBlockingQueue<>(QUEUED);
        private final Runnable wakeUp;

        Queued(Runnable wakeUp) {
            this.wakeUp = wakeUp;
        }

        @Override
        public void put(Data.EventEntry entry) throws InterruptedException {
            events.put(entry);
            wakeUp.run();
        }

        @Override
        public boolean offer(Data.EventEntry entry) {
            boolean taken = events.offer(entry);
            if (taken) {
                wakeUp.run();
            }
            return taken;
        }
    }
}

package org.albatross.daemon.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.events.EventQuery;
import org.albatross.daemon.events.EventSubscription;
import org.albatross.protocol.Data;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;

/**
 * Our event log on the wire: both forms subscribe, answering "subscribed", then stream the history asked for and
 * every new event as {@code data event}, filtered to the names under the header's path.
 */
public final class EventLogService {
    /** Events a connection may have waiting to be written; beyond it, the log's own backlog holds them. */
    private static final int QUEUED = 1024;

    private final EventLog log;

    public EventLogService(EventLog log) {
        this.log = log;
    }

    Reply handle(Name name, EventLogCommand command, Runnable wakeUp) {
        EventQuery history = command instanceof EventLogCommand.SubscribeSince since
                ? new EventQuery.Since(since.since())
                : new EventQuery.Last(((EventLogCommand.SubscribeCount) command).count());
        BlockingQueue<Data.EventEntry> queued = new ArrayBlockingQueue<>(QUEUED);
        EventSubscription subscription = log.subscribe(name.asPath(), history, entry -> {
            try {
                // Blocks only the subscription's own thread, never an append: the log drops for a subscriber
                // whose backlog is full.
                queued.put(entry);
                wakeUp.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new Reply.Streaming(new Success.Message("subscribed"), new OutboundStream() {
            @Override
            public Batch poll(int max) {
                List<Data> data = new ArrayList<>();
                queued.drainTo(data, max);
                return new Batch(data, subscription.isClosed() && queued.isEmpty());
            }

            @Override
            public void close() {
                subscription.close();
            }
        });
    }
}

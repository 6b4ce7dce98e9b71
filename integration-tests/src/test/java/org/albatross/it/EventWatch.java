package org.albatross.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.Stream;
import org.albatross.client.transport.TransportError;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelCommand;

/**
 * Follows a daemon's event log from the root over the local socket, on a thread of its own, so a test can ask what
 * was recorded since a mark. A fence - a local destroy of a name that does not exist, whose refusal is recorded in
 * order with the changes before it - tells when everything a test caused on the state thread is in.
 */
final class EventWatch implements AutoCloseable {
    private static final Duration WITHIN = Duration.ofMinutes(2);
    /**
     * How long the watch waits for the next event: longer than any test, so that a quiet spell (a case that makes the
     * test JVM or the daemon busy for a while, on a loaded machine) does not end it as the session's own timeout would.
     */
    private static final Duration QUIET_FOR_AT_MOST = Duration.ofDays(1);

    private final DaemonExtension albatrossd;
    private final Stream stream;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile TransportError ended;
    private int fences;

    private EventWatch(DaemonExtension albatrossd, Stream stream) {
        this.albatrossd = albatrossd;
        this.stream = stream;
        this.reader = new Thread(this::read, "event watch");
        reader.setDaemon(true);
        reader.start();
    }

    /** Follows the events recorded from now on. */
    static EventWatch start(DaemonExtension albatrossd) {
        Session session = albatrossd.connect();
        return new EventWatch(albatrossd, session.open(new EventLogCommand.SubscribeCount(0), Name.ROOT));
    }

    private void read() {
        try {
            for (Optional<Data> next = stream.next(QUIET_FOR_AT_MOST); next.isPresent();
                    next = stream.next(QUIET_FOR_AT_MOST)) {
                if (next.get() instanceof Data.EventEntry entry) {
                    events.add(entry.event());
                }
            }
        } catch (TransportError closed) {
            // the watch was closed, or the daemon went away: what was read stays, and a wait says why it fails
            ended = closed;
        }
    }

    /** How many events were read so far: pass it to {@link #since}. */
    int mark() {
        return events.size();
    }

    /** The events recorded after {@code mark}, once a fence shows that the state thread recorded them all. */
    List<Event> since(int mark) {
        String fence = "fence-" + ++fences;
        albatrossd.request(new UnikernelCommand.Destroy(), fence);
        Event.CommandRefused fenceEvent = await("the fence " + fence + " in the event log").atMost(WITHIN)
                .failFast("the event watch ended", () -> ended != null)
                .until(() -> refusal(mark, refused -> refused.what().endsWith(":" + fence)), Optional::isPresent)
                .orElseThrow();
        List<Event> read = List.copyOf(events);
        return read.subList(mark, read.indexOf(fenceEvent));
    }

    /** Waits for a refusal after {@code mark} that matches {@code wanted}. */
    Event.CommandRefused awaitRefusal(int mark, String what, Predicate<Event.CommandRefused> wanted) {
        return await(what + " in the event log").atMost(WITHIN).failFast("the event watch ended", () -> ended != null)
                .until(() -> refusal(mark, wanted), Optional::isPresent).orElseThrow();
    }

    private Optional<Event.CommandRefused> refusal(int mark, Predicate<Event.CommandRefused> wanted) {
        List<Event> read = List.copyOf(events);
        return read.subList(mark, read.size()).stream().filter(Event.CommandRefused.class::isInstance)
                .map(Event.CommandRefused.class::cast).filter(wanted).findFirst();
    }

    @Override
    public void close() {
        stream.close();
    }
}

package org.albatross.daemon.endpoint.tls;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.albatross.daemon.dispatch.Caller;
import org.albatross.daemon.metrics.DaemonMeters;
import org.albatross.daemon.supervisor.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refusal of the remote endpoint is logged once, counted by kind (here and as the daemon's
 * {@code albatross.tls.refusals} meter), and recorded as an event with the peer. A
 * connection is refused at most once: closing it makes later stages fail too (an unfinished handshake), and those
 * consequences are not refusals of their own.
 */
public final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private static final AttributeKey<Refusal> REFUSED = AttributeKey.valueOf(Refusals.class, "refused");

    private final Map<Refusal, LongAdder> counts = new EnumMap<>(Refusal.class);
    private final EventSink events;
    private final DaemonMeters meters;

    public Refusals(EventSink events, DaemonMeters meters) {
        this.events = events;
        this.meters = meters;
        for (Refusal refusal : Refusal.values()) {
            counts.put(refusal, new LongAdder());
        }
    }

    /**
     * Records that the peer of {@code connection}, {@code who} ({@link Caller#UNIDENTIFIED} while its chain is
     * unknown), was refused, unless the connection was refused already.
     *
     * @param detail what exactly went wrong, for the operator
     */
    public void refuse(Refusal refusal, Caller who, Channel connection, String detail) {
        if (connection.attr(REFUSED).setIfAbsent(refusal) != null) {
            return;
        }
        SocketAddress peer = connection.remoteAddress();
        counts.get(refusal).increment();
        meters.connectionRefused(refusal.tag());
        LOG.info("refused {} ({}): {}: {}", peer,
                who.scope().isRoot() ? "before its chain was read" : "tenant " + who.scope(), refusal.description(),
                detail);
        events.record(who.refused("connection from " + peer, refusal.description() + ": " + detail));
    }

    /** How many times peers were refused for {@code refusal} since the endpoint started. */
    public long count(Refusal refusal) {
        return counts.get(refusal).sum();
    }
}

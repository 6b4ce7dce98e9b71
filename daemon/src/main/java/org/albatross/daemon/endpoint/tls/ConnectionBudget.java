package org.albatross.daemon.endpoint.tls;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.albatross.config.DaemonConfig;

/**
 * Which connections the remote endpoint holds, and whom a new one may displace: the rule that keeps peers who have
 * not shown a certificate from locking out those who have. Pure and thread-safe; {@link ConnectionLimiter} applies
 * its answers to sockets.
 *
 * <ul>
 * <li>An address with {@code maxConnectionsPerAddress} open gets no more: refused.</li>
 * <li>A connection is a <em>handshake</em> until its TLS handshake succeeds. When {@code maxHandshakes} are under
 * way, or {@code maxConnections} are open, a new connection takes the place of the oldest handshake of the address
 * that has the most of them under way. Only when every open connection has finished its handshake is a new one
 * refused.</li>
 * </ul>
 * So bare connections never keep anyone out: they only ever displace each other, and a peer whose address holds
 * fewer handshakes than another's is displaced only after that one's (docs/tls-endpoint.md says what a flood from
 * many addresses can still do).
 *
 * @param <C> what identifies a connection (a channel)
 */
final class ConnectionBudget<C> {
    /** What becomes of a new connection. */
    sealed interface Admission<C> {
    }

    /** Refused, for {@code refusal}: {@code detail} says which limit. */
    record Refused<C>(Refusal refusal, String detail) implements Admission<C> {
    }

    /** Admitted; {@code displaced}, if present, is a handshake it took the place of, to be closed. */
    record Admitted<C>(Optional<Displaced<C>> displaced) implements Admission<C> {
    }

    /** A handshake closed to make room: the connection, and why it was chosen. */
    record Displaced<C>(C connection, String detail) {
    }

    /** An open connection: where from, and its place in the order of arrival while its handshake is under way. */
    private record Held(InetAddress address, long arrival) {
    }

    private final int maxConnections;
    private final int maxPerAddress;
    private final int maxHandshakes;
    private final Map<C, Held> open = new HashMap<>();
    private final Map<InetAddress, Integer> openByAddress = new HashMap<>();
    /** The connections still in their handshake, by address, oldest first. */
    private final Map<InetAddress, Deque<C>> handshakes = new HashMap<>();
    private int handshakesUnderWay;
    private long arrivals;

    ConnectionBudget(DaemonConfig.TlsLimits limits) {
        this.maxConnections = limits.maxConnections();
        this.maxPerAddress = limits.maxConnectionsPerAddress();
        this.maxHandshakes = limits.maxHandshakes();
    }

    /** Admits {@code connection} from {@code address} as a handshake under way, or refuses it. */
    synchronized Admission<C> admit(C connection, InetAddress address) {
        if (openByAddress.getOrDefault(address, 0) >= maxPerAddress) {
            return new Refused<>(Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS, "at most " + maxPerAddress + " from "
                    + address.getHostAddress());
        }
        Optional<Displaced<C>> displaced = Optional.empty();
        if (open.size() >= maxConnections || handshakesUnderWay >= maxHandshakes) {
            if (handshakesUnderWay == 0) {
                return new Refused<>(Refusal.TOO_MANY_CONNECTIONS, "at most " + maxConnections + " at once");
            }
            displaced = Optional.of(displaceOldestOfBusiestAddress());
        }
        open.put(connection, new Held(address, arrivals++));
        openByAddress.merge(address, 1, Integer::sum);
        handshakes.computeIfAbsent(address, any -> new ArrayDeque<>()).addLast(connection);
        handshakesUnderWay++;
        return new Admitted<>(displaced);
    }

    /** {@code connection} finished its handshake: it no longer yields to newcomers. */
    synchronized void handshakeDone(C connection) {
        Held held = open.get(connection);
        if (held != null) {
            endHandshake(connection, held.address());
        }
    }

    /** {@code connection} closed: it holds nothing any more. */
    synchronized void closed(C connection) {
        Held held = open.remove(connection);
        if (held == null) {
            return;
        }
        endHandshake(connection, held.address());
        openByAddress.computeIfPresent(held.address(), (address, count) -> count == 1 ? null : count - 1);
    }

    private Displaced<C> displaceOldestOfBusiestAddress() {
        InetAddress busiest = null;
        long busiestOldest = Long.MAX_VALUE;
        int most = 0;
        for (Map.Entry<InetAddress, Deque<C>> entry : handshakes.entrySet()) {
            int count = entry.getValue().size();
            long oldest = open.get(entry.getValue().peekFirst()).arrival();
            if (count > most || count == most && oldest < busiestOldest) {
                busiest = entry.getKey();
                busiestOldest = oldest;
                most = count;
            }
        }
        C oldest = handshakes.get(busiest).peekFirst();
        closed(oldest);
        return new Displaced<>(oldest, "the oldest of the " + most + " from " + busiest.getHostAddress()
                + ", the most from one address, made room for a new connection (at most " + maxHandshakes
                + " handshakes and " + maxConnections + " connections at once)");
    }

    private void endHandshake(C connection, InetAddress address) {
        Deque<C> ofAddress = handshakes.get(address);
        if (ofAddress != null && ofAddress.remove(connection)) {
            handshakesUnderWay--;
            if (ofAddress.isEmpty()) {
                handshakes.remove(address);
            }
        }
    }
}

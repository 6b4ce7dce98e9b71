package org.albatross.daemon.update;

import java.net.InetAddress;
import java.util.Optional;
import org.albatross.protocol.Name;

/**
 * What a probe may connect to. A tenant names the probe's address, and the daemon connects from the host, so a
 * tenant's probe could ask about the host's own services (whether a port on its loopback is open) or the network's
 * link-local services (a cloud's metadata address): a unikernel under a tenant's path is refused the loopback, the
 * wildcard, link-local and multicast addresses. The operator's own unikernels (at the root path, reachable only from
 * the local socket or the root's chain) may probe anything.
 */
public final class ProbeReach {
    private ProbeReach() {
    }

    /** Why {@code unikernel}'s probe may not connect to {@code address}, if it may not. */
    public static Optional<String> refusal(Name unikernel, InetAddress address) {
        if (unikernel.path().isRoot()) {
            return Optional.empty();
        }
        String kind = address.isLoopbackAddress() ? "a loopback address"
                : address.isAnyLocalAddress() ? "the wildcard address"
                : address.isLinkLocalAddress() ? "a link-local address"
                : address.isMulticastAddress() ? "a multicast address" : null;
        return Optional.ofNullable(kind).map(what -> address.getHostAddress() + " is " + what + " of the daemon's host,"
                + " which a tenant's health check may not probe");
    }
}

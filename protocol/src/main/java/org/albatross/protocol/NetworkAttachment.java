package org.albatross.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A network interface a unikernel asks for: its name inside the unikernel, the host bridge (defaults to the same
 * name) and an optional fixed MAC address.
 */
public record NetworkAttachment(String netif, Optional<String> bridge, Optional<MacAddress> mac) {
    public NetworkAttachment {
        Objects.requireNonNull(netif, "netif");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(mac, "mac");
    }

    public static NetworkAttachment named(String netif) {
        return new NetworkAttachment(netif, Optional.empty(), Optional.empty());
    }

    /** The host bridge it attaches to: the one it names, else the one named like its interface (albatross's rule). */
    public String hostBridge() {
        return bridge.orElse(netif);
    }
}

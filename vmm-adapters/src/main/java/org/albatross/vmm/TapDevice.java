package org.albatross.vmm;

import java.util.Objects;
import org.albatross.protocol.MacAddress;

/** A unikernel network interface on the host: its name in the unikernel, its tap, the bridge, the MAC. */
public record TapDevice(String netif, String tap, String bridge, MacAddress mac) {
    public TapDevice {
        Objects.requireNonNull(netif, "netif");
        Objects.requireNonNull(tap, "tap");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(mac, "mac");
    }
}

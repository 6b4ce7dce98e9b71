package org.albatross.vmm.net;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.albatross.vmm.HostCommand;
import org.albatross.vmm.HostCommandFailed;

/** Taps and bridges with iproute2's {@code ip}. */
public final class LinuxNetwork implements HostNetwork {
    private final HostCommand host;

    public LinuxNetwork(HostCommand host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public String createTap(String bridge) throws HostCommandFailed {
        String tap = TapNames.lowestFree(interfaces(List.of("ip", "-o", "link", "show")));
        host.run(List.of("ip", "tuntap", "add", "dev", tap, "mode", "tap"));
        try {
            host.run(List.of("ip", "link", "set", "dev", tap, "up"));
            host.run(List.of("ip", "link", "set", "dev", tap, "master", bridge));
        } catch (HostCommandFailed e) {
            removeTap(tap);
            throw e;
        }
        return tap;
    }

    @Override
    public void removeTap(String tap) throws HostCommandFailed {
        host.run(List.of("ip", "tuntap", "del", "dev", tap, "mode", "tap"));
    }

    @Override
    public Set<String> bridges() throws HostCommandFailed {
        return Set.copyOf(interfaces(List.of("ip", "-o", "link", "show", "type", "bridge")));
    }

    /**
     * Interface names from {@code ip -o link} lines such as {@code "3: vmmtap0: <BROADCAST,...> ..."} or
     * {@code "4: veth0@if2: ..."}.
     */
    private List<String> interfaces(List<String> command) throws HostCommandFailed {
        return host.run(command).lines().map(line -> line.split(": ", 3)).filter(fields -> fields.length >= 2)
                .map(fields -> fields[1].split("@", 2)[0]).collect(Collectors.toList());
    }
}

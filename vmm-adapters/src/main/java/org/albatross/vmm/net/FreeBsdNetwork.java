package org.albatross.vmm.net;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.albatross.vmm.HostCommand;
import org.albatross.vmm.HostCommandFailed;

/** Taps and bridges with FreeBSD's {@code ifconfig}: a cloned tap renamed to the lowest free vmmtapN. */
public final class FreeBsdNetwork implements HostNetwork {
    private final HostCommand host;

    public FreeBsdNetwork(HostCommand host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public String createTap(String bridge) throws HostCommandFailed {
        String tap = TapNames.lowestFree(words(host.run(List.of("ifconfig", "-l"))));
        String cloned = host.run(List.of("ifconfig", "tap", "create")).strip();
        try {
            host.run(List.of("ifconfig", cloned, "name", tap));
        } catch (HostCommandFailed e) {
            host.run(List.of("ifconfig", cloned, "destroy"));
            throw e;
        }
        try {
            host.run(List.of("ifconfig", tap, "up"));
            host.run(List.of("ifconfig", bridge, "addm", tap));
        } catch (HostCommandFailed e) {
            removeTap(tap);
            throw e;
        }
        return tap;
    }

    @Override
    public void removeTap(String tap) throws HostCommandFailed {
        host.run(List.of("ifconfig", tap, "destroy"));
    }

    @Override
    public Set<String> bridges() throws HostCommandFailed {
        return Set.copyOf(words(host.run(List.of("ifconfig", "-g", "bridge"))));
    }

    private static List<String> words(String output) {
        return Arrays.stream(output.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }
}

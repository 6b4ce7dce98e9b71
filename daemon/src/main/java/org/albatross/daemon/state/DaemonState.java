package org.albatross.daemon.state;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelConfig;

/**
 * What the daemon persists after every acknowledged change and restores at start: the policies below the root (the
 * root policy is discovered anew), the block devices with their size, and the unikernels with the config they were
 * created with (also those waiting for a restart), and the unikernels whose boot loop was stopped because their
 * restart budget was spent: kept, not started, until they are destroyed or created again.
 */
public record DaemonState(Map<Path, Policy> policies, Map<Name, Long> blockDevices,
        Map<Name, UnikernelConfig> unikernels, Map<Name, UnikernelConfig> stopped) {
    public static final DaemonState EMPTY = new DaemonState(Map.of(), Map.of(), Map.of(), Map.of());
    /** Albatross's startup priority for a unikernel that names none. */
    static final int DEFAULT_STARTUP = 50;

    public DaemonState {
        policies = Map.copyOf(policies);
        blockDevices = Map.copyOf(blockDevices);
        unikernels = Map.copyOf(unikernels);
        stopped = Map.copyOf(stopped);
    }

    /** This state with {@code name} running {@code config}, e.g. to save it before the unikernel is launched. */
    public DaemonState withUnikernel(Name name, UnikernelConfig config) {
        Map<Name, UnikernelConfig> more = new HashMap<>(unikernels);
        more.put(name, config);
        return new DaemonState(policies, blockDevices, more, stopped);
    }

    /** The unikernels in the order they start: ascending startup priority (50 when unset), then by name. */
    public List<Map.Entry<Name, UnikernelConfig>> startupOrder() {
        return unikernels.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Name, UnikernelConfig>>comparingInt(
                        entry -> entry.getValue().startup().orElse(DEFAULT_STARTUP))
                        .thenComparing(entry -> entry.getKey().toString()))
                .toList();
    }

    /** The policies outermost first, the order in which a resource tree accepts them. */
    public List<Map.Entry<Path, Policy>> policiesOutermostFirst() {
        return policies.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Path, Policy>>comparingInt(entry -> entry.getKey().labels().size())
                        .thenComparing(entry -> entry.getKey().toString()))
                .toList();
    }
}

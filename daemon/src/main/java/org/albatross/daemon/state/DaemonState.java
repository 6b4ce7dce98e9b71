package org.albatross.daemon.state;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;

/**
 * What the daemon persists after every acknowledged change and restores at start: the policies below the root (the
 * root policy is discovered anew), the block devices with their size, and the unikernels with what they run (also
 * those waiting for a restart), and the unikernels whose boot loop was stopped because their restart budget was
 * spent: kept, not started, until they are destroyed or created again; and per updated unikernel what it ran before
 * ({@link KeptUpdate}). Images are referred to by digest: their bytes are in the image store.
 */
public record DaemonState(Map<Path, Policy> policies, Map<Name, Long> blockDevices,
        Map<Name, UnikernelSpec> unikernels, Map<Name, UnikernelSpec> stopped, Map<Name, KeptUpdate> updates) {
    public static final DaemonState EMPTY = new DaemonState(Map.of(), Map.of(), Map.of(), Map.of());
    /** Albatross's startup priority for a unikernel that names none. */
    static final int DEFAULT_STARTUP = 50;
    // The orders are written out rather than composed with Comparator's combinators: those make serializable lambdas,
    // which no class-data archive holds, so each is spun at its first use (milliseconds of a daemon's start).
    private static final Comparator<Map.Entry<Name, UnikernelSpec>> STARTUP_ORDER = (a, b) -> {
        int priority = Integer.compare(a.getValue().arguments().startup().orElse(DEFAULT_STARTUP),
                b.getValue().arguments().startup().orElse(DEFAULT_STARTUP));
        return priority != 0 ? priority : Name.TEXT_ORDER.compare(a.getKey(), b.getKey());
    };
    private static final Comparator<Map.Entry<Path, Policy>> OUTERMOST_FIRST = (a, b) -> {
        int depth = Integer.compare(a.getKey().labels().size(), b.getKey().labels().size());
        return depth != 0 ? depth : a.getKey().toString().compareTo(b.getKey().toString());
    };

    public DaemonState {
        policies = Map.copyOf(policies);
        blockDevices = Map.copyOf(blockDevices);
        unikernels = Map.copyOf(unikernels);
        stopped = Map.copyOf(stopped);
        updates = Map.copyOf(updates);
    }

    /** A state without updates (an imported one, an earlier daemon's). */
    public DaemonState(Map<Path, Policy> policies, Map<Name, Long> blockDevices, Map<Name, UnikernelSpec> unikernels,
            Map<Name, UnikernelSpec> stopped) {
        this(policies, blockDevices, unikernels, stopped, Map.of());
    }

    /** This state with {@code name} running {@code spec}, e.g. to save it before the unikernel is launched. */
    public DaemonState withUnikernel(Name name, UnikernelSpec spec) {
        Map<Name, UnikernelSpec> more = new HashMap<>(unikernels);
        more.put(name, spec);
        return new DaemonState(policies, blockDevices, more, stopped, updates);
    }

    /** This state with {@code name}'s update record {@code kept}, e.g. to save an update before it replaces anything. */
    public DaemonState withUpdate(Name name, KeptUpdate kept) {
        Map<Name, KeptUpdate> more = new HashMap<>(updates);
        more.put(name, kept);
        return new DaemonState(policies, blockDevices, unikernels, stopped, more);
    }

    /**
     * Whether {@code other} holds the very same entries: the same names, each with the very same policy, spec and
     * update (the same objects), and equal block sizes. True says the two encode alike, without encoding either nor
     * comparing records field by field; false says nothing. A restore that adopts every unikernel as saved puts back
     * the specs it loaded.
     */
    public boolean holdsTheSameAs(DaemonState other) {
        return blockDevices.equals(other.blockDevices) && sameValues(policies, other.policies)
                && sameValues(unikernels, other.unikernels) && sameValues(stopped, other.stopped)
                && sameValues(updates, other.updates);
    }

    private static <K, V> boolean sameValues(Map<K, V> these, Map<K, V> others) {
        if (these.size() != others.size()) {
            return false;
        }
        for (Map.Entry<K, V> entry : these.entrySet()) {
            if (others.get(entry.getKey()) != entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The digests of the images this state refers to: the image store keeps these and no others. */
    public Set<Octets> images() {
        Set<Octets> images = new HashSet<>();
        unikernels.values().forEach(spec -> images.add(spec.imageDigest()));
        stopped.values().forEach(spec -> images.add(spec.imageDigest()));
        updates.values().forEach(kept -> images.add(kept.previous().imageDigest()));
        return images;
    }

    /** The unikernels in the order they start: ascending startup priority (50 when unset), then by name. */
    public List<Map.Entry<Name, UnikernelSpec>> startupOrder() {
        return unikernels.entrySet().stream().sorted(STARTUP_ORDER).toList();
    }

    /** The policies outermost first, the order in which a resource tree accepts them. */
    public List<Map.Entry<Path, Policy>> policiesOutermostFirst() {
        return policies.entrySet().stream().sorted(OUTERMOST_FIRST).toList();
    }
}

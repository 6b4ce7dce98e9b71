package org.albatross.policy;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;

/** albatross's two rules about a policy on its own: when it is usable and when it fits inside another. */
public final class PolicyRules {

    /** A policy must allow more than this much memory to run anything. */
    public static final long MINIMUM_MEMORY_MB = 16;

    private PolicyRules() {
    }

    /**
     * The first respect in which {@code child} exceeds {@code parent}, or empty when it fits. Block storage: none fits
     * anything, some fits only some that is at least as large.
     */
    public static Optional<String> whyNotSmaller(Policy child, Policy parent) {
        if (child.unikernels() > parent.unikernels()) {
            return Optional.of(child.unikernels() + " unikernels, " + parent.unikernels() + " allowed");
        }
        if (child.memoryMb() > parent.memoryMb()) {
            return Optional.of(child.memoryMb() + " MB memory, " + parent.memoryMb() + " MB allowed");
        }
        if (!parent.cpuIds().containsAll(child.cpuIds())) {
            return Optional.of("cpuids " + sorted(child.cpuIds()) + ", " + sorted(parent.cpuIds()) + " allowed");
        }
        if (!parent.bridges().containsAll(child.bridges())) {
            return Optional.of("bridges " + sorted(child.bridges()) + ", " + sorted(parent.bridges()) + " allowed");
        }
        if (child.blockMb().isPresent()) {
            long wanted = child.blockMb().get();
            if (parent.blockMb().isEmpty()) {
                return Optional.of(wanted + " MB block storage, none allowed");
            }
            if (wanted > parent.blockMb().get()) {
                return Optional.of(wanted + " MB block storage, " + parent.blockMb().get() + " MB allowed");
            }
        }
        return Optional.empty();
    }

    /** Refuses a policy under which nothing could run: no unikernels, no CPU, 16 MB memory or less. */
    public static void requireUsable(Path path, Policy policy) throws PolicyViolation {
        if (policy.unikernels() <= 0) {
            throw new PolicyViolation(path, PolicyViolation.Rule.UNUSABLE, "it allows no unikernels");
        }
        if (policy.cpuIds().isEmpty()) {
            throw new PolicyViolation(path, PolicyViolation.Rule.UNUSABLE, "it allows no CPU ids");
        }
        if (policy.memoryMb() <= MINIMUM_MEMORY_MB) {
            throw new PolicyViolation(path, PolicyViolation.Rule.UNUSABLE,
                    "it allows " + policy.memoryMb() + " MB memory, a unikernel needs more than "
                            + MINIMUM_MEMORY_MB + " MB");
        }
    }

    /** Refuses {@code child} at {@code childPath} unless it fits inside {@code parent} at {@code parentPath}. */
    public static void requireSmaller(Path childPath, Policy child, Path parentPath, Policy parent)
            throws PolicyViolation {
        Optional<String> why = whyNotSmaller(child, parent);
        if (why.isPresent()) {
            throw new PolicyViolation(childPath, PolicyViolation.Rule.DELEGATION,
                    "asks for " + why.get() + " by the policy at " + PolicyViolation.where(parentPath));
        }
    }

    /** A set in a stable order for messages. */
    static String sorted(Set<?> values) {
        return new TreeSet<>(values).toString();
    }
}

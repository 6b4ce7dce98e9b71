package org.albatross.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albatross.policy.PolicyViolation.Rule;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;

/**
 * The policies per path and what runs under each path: running unikernels (memory, CPU ids, bridges, block devices)
 * and block devices (size, attached or not).
 *
 * <p>Immutable: every operation returns a new tree or throws a {@link PolicyViolation}, so a refused operation
 * leaves the tree the caller holds as it was. A path without a policy limits nothing by itself; every policy from
 * the root down to a name's path must allow what runs there (albatross checks only the innermost one, which lets
 * siblings together exceed their parent). Usage at a path is summed over its whole subtree.
 */
public final class ResourceTree {

    public static final ResourceTree EMPTY = new ResourceTree(Map.of(), Map.of(), Map.of(), Map.of());

    /** What a running unikernel holds: the figures that usage sums. */
    private record Reservation(long memoryMb, Set<Integer> cpuIds, Set<String> bridges, Set<Name> blockDevices) {
    }

    /** The unikernels under a path and their memory: what a create must fit beside. */
    private record Tally(int unikernels, long memoryMb) {
        Tally plus(Reservation reservation, int count) {
            return new Tally(unikernels + count, memoryMb + count * reservation.memoryMb());
        }
    }

    private final Map<Path, Policy> policies;
    private final Map<Name, Reservation> unikernels;
    private final Map<Name, BlockDevice> blockDevices;
    /**
     * The tally of every path with a policy, kept as unikernels come and go: a create is checked against it, not
     * against a walk of every running unikernel per policy above it (a restore of N unikernels walked N² of them).
     */
    private final Map<Path, Tally> tallies;

    private ResourceTree(Map<Path, Policy> policies, Map<Name, Reservation> unikernels,
            Map<Name, BlockDevice> blockDevices, Map<Path, Tally> tallies) {
        this.policies = Collections.unmodifiableMap(policies);
        this.unikernels = Collections.unmodifiableMap(unikernels);
        this.blockDevices = Collections.unmodifiableMap(blockDevices);
        this.tallies = Collections.unmodifiableMap(tallies);
    }

    public Optional<Policy> policy(Path path) {
        return Optional.ofNullable(policies.get(path));
    }

    /** Every policy, by path. */
    public Map<Path, Policy> policies() {
        return policies;
    }

    public Set<Name> unikernels() {
        return unikernels.keySet();
    }

    public Map<Name, BlockDevice> blockDevices() {
        return blockDevices;
    }

    /** What runs under {@code path}, summed over its subtree. */
    public Usage usage(Path path) {
        int count = 0;
        long memory = 0;
        Set<Integer> cpuIds = new HashSet<>();
        Set<String> bridges = new HashSet<>();
        for (Map.Entry<Name, Reservation> entry : unikernels.entrySet()) {
            if (entry.getKey().path().startsWith(path)) {
                Reservation reservation = entry.getValue();
                count++;
                memory += reservation.memoryMb();
                cpuIds.addAll(reservation.cpuIds());
                bridges.addAll(reservation.bridges());
            }
        }
        long blockMb = 0;
        int devices = 0;
        for (Map.Entry<Name, BlockDevice> entry : blockDevices.entrySet()) {
            if (entry.getKey().path().startsWith(path)) {
                blockMb += entry.getValue().sizeMb();
                devices++;
            }
        }
        return new Usage(count, memory, cpuIds, bridges, blockMb, devices);
    }

    /**
     * Sets (or replaces) the policy at {@code path}. Refused unless it fits inside every policy above it, every
     * policy below it fits inside it, and what already runs under {@code path} fits it.
     */
    public ResourceTree insertPolicy(Path path, Policy policy) throws PolicyViolation {
        for (Map.Entry<Path, Policy> above : innermostFirst(path.parent())) {
            if (!above.getKey().equals(path)) {
                PolicyRules.requireSmaller(path, policy, above.getKey(), above.getValue());
            }
        }
        for (Map.Entry<Path, Policy> below : policies.entrySet()) {
            if (below.getKey().startsWith(path) && !below.getKey().equals(path)) {
                Optional<String> why = PolicyRules.whyNotSmaller(below.getValue(), policy);
                if (why.isPresent()) {
                    throw new PolicyViolation(path, Rule.DELEGATION, "the policy delegated to "
                            + PolicyViolation.where(below.getKey()) + " asks for " + why.get() + " by this one");
                }
            }
        }
        Usage used = requireRunningFits(path, policy);
        Map<Path, Policy> next = new HashMap<>(policies);
        next.put(path, policy);
        Map<Path, Tally> nextTallies = new HashMap<>(tallies);
        nextTallies.put(path, new Tally(used.unikernels(), used.memoryMb()));
        return new ResourceTree(next, unikernels, blockDevices, nextTallies);
    }

    /** Removes the policy at {@code path}; refused while anything runs or is stored under it. */
    public ResourceTree removePolicy(Path path) throws PolicyViolation {
        if (!policies.containsKey(path)) {
            throw new PolicyViolation(path, Rule.UNKNOWN, "there is no policy at this path");
        }
        Usage used = usage(path);
        if (!used.isEmpty()) {
            throw new PolicyViolation(path, Rule.IN_USE, used.unikernels() + " unikernels and " + used.blockDevices()
                    + " block devices are under this path; destroy and remove them first");
        }
        Map<Path, Policy> next = new HashMap<>(policies);
        next.remove(path);
        Map<Path, Tally> nextTallies = new HashMap<>(tallies);
        nextTallies.remove(path);
        return new ResourceTree(next, unikernels, blockDevices, nextTallies);
    }

    /**
     * Whether a unikernel {@code name} with {@code config} may be created. For a force-create, check against
     * {@code removeUnikernel(name)} instead: the old unikernel is destroyed first.
     */
    public void checkCreate(Name name, UnikernelArguments config) throws PolicyViolation {
        admit(name, config);
    }

    /** Records a created unikernel and marks its block devices attached, after the checks of checkCreate. */
    public ResourceTree addUnikernel(Name name, UnikernelArguments config) throws PolicyViolation {
        Reservation reservation = admit(name, config);
        Map<Name, Reservation> nextUnikernels = new HashMap<>(unikernels);
        nextUnikernels.put(name, reservation);
        return new ResourceTree(policies, nextUnikernels, withBlocksActive(reservation.blockDevices(), true),
                talliesWith(name, reservation, 1));
    }

    /** Forgets a unikernel that stopped and detaches its block devices. */
    public ResourceTree removeUnikernel(Name name) throws PolicyViolation {
        Reservation reservation = unikernels.get(name);
        if (reservation == null) {
            throw new PolicyViolation(name.path(), Rule.UNKNOWN, "unikernel " + name + " is not running");
        }
        Map<Name, Reservation> nextUnikernels = new HashMap<>(unikernels);
        nextUnikernels.remove(name);
        return new ResourceTree(policies, nextUnikernels, withBlocksActive(reservation.blockDevices(), false),
                talliesWith(name, reservation, -1));
    }

    /**
     * Whether a block device {@code name} of {@code sizeMb} may be added: at least {@link BlockDevice#MINIMUM_SIZE_MB},
     * within the block storage of every policy above it.
     */
    public void checkBlockAdd(Name name, long sizeMb) throws PolicyViolation {
        requireLabel(name, "block device");
        if (blockDevices.containsKey(name)) {
            throw new PolicyViolation(name.path(), Rule.TAKEN, "block device " + name + " already exists");
        }
        if (sizeMb < BlockDevice.MINIMUM_SIZE_MB) {
            throw new PolicyViolation(name.path(), Rule.BLOCK_STORAGE, "requested " + sizeMb
                    + " MB, a block device takes at least " + BlockDevice.MINIMUM_SIZE_MB + " MB");
        }
        for (Map.Entry<Path, Policy> entry : innermostFirst(name.path())) {
            Path path = entry.getKey();
            Optional<Long> limit = entry.getValue().blockMb();
            if (limit.isEmpty()) {
                throw new PolicyViolation(path, Rule.BLOCK_STORAGE,
                        "requested " + sizeMb + " MB, the policy allows no block storage");
            }
            long used = usage(path).blockMb();
            if (sizeMb > limit.get() - used) {
                throw new PolicyViolation(path, Rule.BLOCK_STORAGE, "requested " + sizeMb + " MB, " + limit.get()
                        + " MB allowed, " + used + " MB in use");
            }
        }
    }

    /** Records a new, detached block device after the checks of checkBlockAdd. */
    public ResourceTree addBlock(Name name, long sizeMb) throws PolicyViolation {
        checkBlockAdd(name, sizeMb);
        Map<Name, BlockDevice> next = new HashMap<>(blockDevices);
        next.put(name, new BlockDevice(sizeMb, false));
        return new ResourceTree(policies, unikernels, next, tallies);
    }

    /** Forgets a block device; refused while a unikernel has it attached. */
    public ResourceTree removeBlock(Name name) throws PolicyViolation {
        BlockDevice device = existingBlock(name);
        if (device.active()) {
            throw new PolicyViolation(name.path(), Rule.IN_USE, "block device " + name
                    + " is attached to a running unikernel");
        }
        Map<Name, BlockDevice> next = new HashMap<>(blockDevices);
        next.remove(name);
        return new ResourceTree(policies, unikernels, next, tallies);
    }

    private Reservation admit(Name name, UnikernelArguments config) throws PolicyViolation {
        requireLabel(name, "unikernel");
        if (unikernels.containsKey(name)) {
            throw new PolicyViolation(name.path(), Rule.TAKEN, "unikernel " + name
                    + " already exists (force-create replaces it)");
        }
        Reservation reservation = reservationOf(name, config);
        for (Map.Entry<Path, Policy> entry : innermostFirst(name.path())) {
            requireCreateFits(entry.getKey(), entry.getValue(), reservation);
        }
        for (Name block : reservation.blockDevices()) {
            BlockDevice device = blockDevices.get(block);
            if (device == null) {
                throw new PolicyViolation(name.path(), Rule.UNKNOWN, "block device " + block + " does not exist");
            }
            if (device.active()) {
                throw new PolicyViolation(name.path(), Rule.IN_USE, "block device " + block
                        + " is already attached to a running unikernel");
            }
        }
        return reservation;
    }

    private void requireCreateFits(Path path, Policy policy, Reservation wanted) throws PolicyViolation {
        Tally used = tallies.get(path);
        if (used.unikernels() >= policy.unikernels()) {
            throw new PolicyViolation(path, Rule.UNIKERNELS, "requested 1 more, " + policy.unikernels()
                    + " allowed, " + used.unikernels() + " running");
        }
        if (wanted.memoryMb() > policy.memoryMb() - used.memoryMb()) {
            throw new PolicyViolation(path, Rule.MEMORY, "requested " + wanted.memoryMb() + " MB, "
                    + policy.memoryMb() + " MB allowed, " + used.memoryMb() + " MB in use");
        }
        requireSubset(path, Rule.CPU_IDS, "requested", wanted.cpuIds(), policy.cpuIds());
        requireSubset(path, Rule.BRIDGES, "requested", wanted.bridges(), policy.bridges());
    }

    /** @return what runs under {@code path}, which fits {@code policy} */
    private Usage requireRunningFits(Path path, Policy policy) throws PolicyViolation {
        Usage used = usage(path);
        requireSubset(path, Rule.CPU_IDS, "running unikernels use", used.cpuIds(), policy.cpuIds());
        requireSubset(path, Rule.BRIDGES, "running unikernels use", used.bridges(), policy.bridges());
        if (used.unikernels() > policy.unikernels()) {
            throw new PolicyViolation(path, Rule.UNIKERNELS, used.unikernels() + " running, "
                    + policy.unikernels() + " allowed");
        }
        if (used.memoryMb() > policy.memoryMb()) {
            throw new PolicyViolation(path, Rule.MEMORY, used.memoryMb() + " MB in use, " + policy.memoryMb()
                    + " MB allowed");
        }
        long blockLimit = policy.blockMb().orElse(0L);
        if (used.blockMb() > blockLimit) {
            throw new PolicyViolation(path, Rule.BLOCK_STORAGE, used.blockMb() + " MB of block devices exist, "
                    + blockLimit + " MB allowed");
        }
        return used;
    }

    private static <T> void requireSubset(Path path, Rule rule, String verb, Set<T> wanted, Set<T> allowed)
            throws PolicyViolation {
        if (!allowed.containsAll(wanted)) {
            throw new PolicyViolation(path, rule, verb + " " + PolicyRules.sorted(wanted) + ", "
                    + PolicyRules.sorted(allowed) + " allowed");
        }
    }

    private static Reservation reservationOf(Name name, UnikernelArguments config) throws PolicyViolation {
        Set<String> bridges = new LinkedHashSet<>();
        for (NetworkAttachment network : config.bridges()) {
            bridges.add(network.hostBridge());
        }
        List<Name> blocks = new ArrayList<>();
        for (BlockAttachment block : config.blockDevices()) {
            try {
                blocks.add(block.hostDeviceOf(name));
            } catch (InvalidName e) {
                throw new PolicyViolation(name.path(), Rule.NAME, "block device \"" + block.hostDeviceLabel() + "\": "
                        + e.getMessage());
            }
        }
        Set<Name> distinctBlocks = Set.copyOf(blocks);
        if (distinctBlocks.size() != blocks.size()) {
            throw new PolicyViolation(name.path(), Rule.IN_USE, "the same block device is attached twice: " + blocks);
        }
        return new Reservation(config.memoryMb(), config.cpuIds(), bridges, distinctBlocks);
    }

    /** The tallies with {@code count} (1 or -1) unikernels of {@code reservation} at {@code name}. */
    private Map<Path, Tally> talliesWith(Name name, Reservation reservation, int count) {
        Map<Path, Tally> next = new HashMap<>(tallies);
        for (Map.Entry<Path, Policy> governing : innermostFirst(name.path())) {
            next.computeIfPresent(governing.getKey(), (path, tally) -> tally.plus(reservation, count));
        }
        return next;
    }

    private Map<Name, BlockDevice> withBlocksActive(Set<Name> names, boolean active) {
        if (names.isEmpty()) {
            return blockDevices;
        }
        Map<Name, BlockDevice> next = new HashMap<>(blockDevices);
        names.forEach(block -> next.computeIfPresent(block, (ignored, device) -> device.withActive(active)));
        return next;
    }

    private BlockDevice existingBlock(Name name) throws PolicyViolation {
        BlockDevice device = blockDevices.get(name);
        if (device == null) {
            throw new PolicyViolation(name.path(), Rule.UNKNOWN, "there is no block device " + name);
        }
        return device;
    }

    private static void requireLabel(Name name, String what) throws PolicyViolation {
        if (name.label().isEmpty()) {
            throw new PolicyViolation(name.path(), Rule.NAME, "a " + what + " needs a name, \"" + name
                    + "\" is only a path");
        }
    }

    /** The policies at {@code path} and above it, innermost first. */
    private List<Map.Entry<Path, Policy>> innermostFirst(Path path) {
        List<Map.Entry<Path, Policy>> found = new ArrayList<>();
        Path prefix = path;
        while (true) {
            Policy policy = policies.get(prefix);
            if (policy != null) {
                found.add(Map.entry(prefix, policy));
            }
            if (prefix.isRoot()) {
                return found;
            }
            prefix = prefix.parent();
        }
    }
}

package org.albatross.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;

/**
 * Operations on a resource tree drawn from a source of choices (a seeded Random or Jazzer's input), over a small
 * universe of paths and names so that they collide often, and the invariants every reachable tree keeps.
 */
final class ResourceTreeOperations {

    /** Where the choices come from: a number in {@code [0, bound)}. */
    interface Choices {
        int below(int bound);

        default boolean flip() {
            return below(2) == 1;
        }
    }

    static final List<Path> PATHS = List.of(Path.ROOT, Path.of("a"), Path.of("b"), Path.of("a", "x"),
            Path.of("a", "y"), Path.of("a", "x", "z"));
    private static final List<String> LABELS = List.of("web", "db", "cache");
    private static final List<String> BRIDGES = List.of("service", "dmz", "lan");
    private static final List<Integer> CPUS = List.of(0, 1, 2, 3);

    private ResourceTreeOperations() {
    }

    /** One operation chosen and applied; the tree returned, or the refusal thrown. */
    static ResourceTree apply(Choices choices, ResourceTree tree) throws PolicyViolation {
        Path path = pick(choices, PATHS);
        Name name = Name.of(path, Label.of(pick(choices, LABELS)));
        return switch (choices.below(8)) {
            case 0, 1 -> tree.insertPolicy(path, policy(choices));
            case 2 -> tree.removePolicy(path);
            case 3, 4 -> tree.addUnikernel(name, config(choices));
            case 5 -> tree.removeUnikernel(name);
            case 6 -> tree.addBlock(name, choices.below(300));
            default -> tree.removeBlock(name);
        };
    }

    /** Every policy inside the policies above it, and what runs under every path within its policy. */
    static void assertInvariants(ResourceTree tree, String where) {
        for (Map.Entry<Path, Policy> parent : tree.policies().entrySet()) {
            for (Map.Entry<Path, Policy> child : tree.policies().entrySet()) {
                if (child.getKey().startsWith(parent.getKey()) && !child.getKey().equals(parent.getKey())) {
                    assertThat(PolicyRules.whyNotSmaller(child.getValue(), parent.getValue()))
                            .as("%s: policy at %s inside %s", where, child.getKey(), parent.getKey())
                            .isEmpty();
                }
            }
            Policy policy = parent.getValue();
            Usage used = tree.usage(parent.getKey());
            String usage = where + ": usage under " + parent.getKey();
            assertThat(used.unikernels()).as(usage).isLessThanOrEqualTo(policy.unikernels());
            assertThat(used.memoryMb()).as(usage).isLessThanOrEqualTo(policy.memoryMb());
            assertThat(policy.cpuIds()).as(usage).containsAll(used.cpuIds());
            assertThat(policy.bridges()).as(usage).containsAll(used.bridges());
            assertThat(used.blockMb()).as(usage).isLessThanOrEqualTo(policy.blockMb().orElse(0L));
            assertThat((long) used.blockDevices()).as(usage + ": block devices, each of at least 1 MB")
                    .isLessThanOrEqualTo(policy.blockMb().orElse(0L));
        }
    }

    private static Policy policy(Choices choices) {
        Optional<Long> block = choices.below(3) == 0 ? Optional.empty() : Optional.of((long) choices.below(1000));
        return new Policy(choices.below(6), subset(choices, CPUS), 16 + choices.below(2048), block,
                subset(choices, BRIDGES));
    }

    private static UnikernelArguments config(Choices choices) {
        Set<String> blocks = choices.below(4) == 0 ? Set.of(pick(choices, LABELS)) : Set.of();
        return Unikernels.config(1 + choices.below(600), subset(choices, CPUS), subset(choices, BRIDGES), blocks);
    }

    private static <T> T pick(Choices choices, List<T> values) {
        return values.get(choices.below(values.size()));
    }

    private static <T> Set<T> subset(Choices choices, List<T> values) {
        Set<T> chosen = new HashSet<>();
        for (T value : values) {
            if (choices.flip()) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    /** Everything observable about a tree, to compare before and after a refused operation. */
    record Snapshot(Map<Path, Policy> policies, Set<Name> unikernels, Map<Name, BlockDevice> blocks,
            List<Usage> usage) {
        static Snapshot of(ResourceTree tree) {
            List<Usage> usage = new ArrayList<>();
            PATHS.forEach(path -> usage.add(tree.usage(path)));
            return new Snapshot(Map.copyOf(tree.policies()), Set.copyOf(tree.unikernels()),
                    Map.copyOf(tree.blockDevices()), usage);
        }
    }
}

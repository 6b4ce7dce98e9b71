package org.albatross.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random operation sequences over a small universe of paths and names, so that operations collide often. After
 * every successful operation the tree's invariants hold; a refused operation leaves the tree as it was. Each run's
 * seed is in its name; set -Dpolicy.seed=N to replay one.
 */
class ResourceTreePropertyTest {

    private static final int OPERATIONS = 300;
    private static final List<Path> PATHS = List.of(Path.ROOT, Path.of("a"), Path.of("b"), Path.of("a", "x"),
            Path.of("a", "y"), Path.of("a", "x", "z"));
    private static final List<String> LABELS = List.of("web", "db", "cache");
    private static final List<String> BRIDGES = List.of("service", "dmz", "lan");

    static Stream<Long> seeds() {
        String fixed = System.getProperty("policy.seed");
        if (fixed != null) {
            return Stream.of(Long.parseLong(fixed));
        }
        long base = new Random().nextLong();
        return LongStream.range(0, 40).mapToObj(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void successfulOperationsKeepTheInvariantsAndRefusedOnesChangeNothing(long seed) {
        Random random = new Random(seed);
        ResourceTree tree = ResourceTree.EMPTY;
        int succeeded = 0;
        for (int step = 0; step < OPERATIONS; step++) {
            Snapshot before = Snapshot.of(tree);
            try {
                tree = randomOperation(random, tree);
                succeeded++;
                assertInvariants(tree, seed, step);
            } catch (PolicyViolation refused) {
                assertThat(refused.getMessage()).startsWith(PolicyViolation.where(refused.path()) + ": ");
                assertThat(Snapshot.of(tree)).as("seed %d step %d: refused operation changed the tree", seed, step)
                        .isEqualTo(before);
            }
        }
        assertThat(succeeded).as("seed %d: operations that succeeded", seed).isPositive();
    }

    private static ResourceTree randomOperation(Random random, ResourceTree tree) throws PolicyViolation {
        Path path = pick(random, PATHS);
        Name name = Name.of(path, Label.of(pick(random, LABELS)));
        return switch (random.nextInt(8)) {
            case 0, 1 -> tree.insertPolicy(path, randomPolicy(random));
            case 2 -> tree.removePolicy(path);
            case 3, 4 -> tree.addUnikernel(name, randomConfig(random));
            case 5 -> tree.removeUnikernel(name);
            case 6 -> tree.addBlock(name, random.nextInt(300));
            default -> random.nextBoolean() ? tree.removeBlock(name) : tree.setBlockActive(name, random.nextBoolean());
        };
    }

    private static Policy randomPolicy(Random random) {
        Optional<Long> block = random.nextInt(3) == 0 ? Optional.empty() : Optional.of((long) random.nextInt(1000));
        return new Policy(random.nextInt(6), subset(random, List.of(0, 1, 2, 3)), 16 + random.nextInt(2048), block,
                subset(random, BRIDGES));
    }

    private static UnikernelConfig randomConfig(Random random) {
        Set<String> blocks = random.nextInt(4) == 0 ? Set.of(pick(random, LABELS)) : Set.of();
        return Unikernels.config(1 + random.nextInt(600), subset(random, List.of(0, 1, 2, 3)),
                subset(random, BRIDGES), blocks);
    }

    private static void assertInvariants(ResourceTree tree, long seed, int step) {
        for (Map.Entry<Path, Policy> parent : tree.policies().entrySet()) {
            for (Map.Entry<Path, Policy> child : tree.policies().entrySet()) {
                if (child.getKey().startsWith(parent.getKey()) && !child.getKey().equals(parent.getKey())) {
                    assertThat(PolicyRules.whyNotSmaller(child.getValue(), parent.getValue()))
                            .as("seed %d step %d: policy at %s inside %s", seed, step, child.getKey(), parent.getKey())
                            .isEmpty();
                }
            }
            Policy policy = parent.getValue();
            Usage used = tree.usage(parent.getKey());
            String where = "seed " + seed + " step " + step + ": usage under " + parent.getKey();
            assertThat(used.unikernels()).as(where).isLessThanOrEqualTo(policy.unikernels());
            assertThat(used.memoryMb()).as(where).isLessThanOrEqualTo(policy.memoryMb());
            assertThat(policy.cpuIds()).as(where).containsAll(used.cpuIds());
            assertThat(policy.bridges()).as(where).containsAll(used.bridges());
            assertThat(used.blockMb()).as(where).isLessThanOrEqualTo(policy.blockMb().orElse(0L));
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> Set<T> subset(Random random, List<T> values) {
        Set<T> chosen = new HashSet<>();
        for (T value : values) {
            if (random.nextBoolean()) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    /** Everything observable about a tree, to compare before and after a refused operation. */
    private record Snapshot(Map<Path, Policy> policies, Set<Name> unikernels, Map<Name, BlockDevice> blocks,
            List<Usage> usage) {
        static Snapshot of(ResourceTree tree) {
            List<Usage> usage = new ArrayList<>();
            PATHS.forEach(path -> usage.add(tree.usage(path)));
            return new Snapshot(Map.copyOf(tree.policies()), Set.copyOf(tree.unikernels()),
                    Map.copyOf(tree.blockDevices()), usage);
        }
    }
}

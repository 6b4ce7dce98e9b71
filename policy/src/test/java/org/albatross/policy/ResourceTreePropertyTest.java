package org.albatross.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.albatross.policy.ResourceTreeOperations.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random operation sequences: after every successful operation the tree's invariants hold; a refused operation
 * leaves the tree as it was. Each run's seed is in its name; set -Dpolicy.seed=N to replay one.
 */
class ResourceTreePropertyTest {

    private static final int OPERATIONS = 300;

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
            String where = "seed " + seed + " step " + step;
            Snapshot before = Snapshot.of(tree);
            try {
                tree = ResourceTreeOperations.apply(random::nextInt, tree);
                succeeded++;
                ResourceTreeOperations.assertInvariants(tree, where);
            } catch (PolicyViolation refused) {
                assertThat(refused.getMessage()).startsWith(PolicyViolation.where(refused.path()) + ": ");
                assertThat(Snapshot.of(tree)).as("%s: a refused operation changed the tree", where).isEqualTo(before);
            }
        }
        assertThat(succeeded).as("seed %d: operations that succeeded", seed).isPositive();
    }
}

package org.albatross.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.albatross.policy.ResourceTreeOperations.Snapshot;

/**
 * Jazzer drives the operation sequence of {@link ResourceTreePropertyTest} instead of a seeded Random. In a normal
 * run it replays the seed corpus in src/test/resources/org/albatross/policy/ResourceTreeFuzzTestInputs/; with
 * JAZZER_FUZZ=1 it fuzzes.
 */
class ResourceTreeFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyOperationSequenceKeepsTheInvariants(FuzzedDataProvider data) {
        ResourceTree tree = ResourceTree.EMPTY;
        for (int step = 0; data.remainingBytes() > 0; step++) {
            Snapshot before = Snapshot.of(tree);
            try {
                tree = ResourceTreeOperations.apply(bound -> data.consumeInt(0, bound - 1), tree);
                ResourceTreeOperations.assertInvariants(tree, "step " + step);
            } catch (PolicyViolation refused) {
                assertThat(Snapshot.of(tree)).isEqualTo(before);
            }
        }
    }
}

package org.albatross.policy;

import static org.albatross.policy.Unikernels.config;
import static org.albatross.policy.Unikernels.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import org.albatross.policy.PolicyViolation.Rule;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.junit.jupiter.api.Test;

class ResourceTreeTest {

    private static final Path ARC = Path.of("arc");
    private static final Policy ARC_POLICY = new Policy(1, Set.of(0), 512, Optional.empty(), Set.of());

    private static ResourceTree arc() throws PolicyViolation {
        return ResourceTree.EMPTY.insertPolicy(ARC, ARC_POLICY);
    }

    @Test
    void createIsRefusedWhenMemoryExceedsTheTenantPolicy() throws PolicyViolation {
        assertThatThrownBy(() -> arc().checkCreate(Name.parse("arc:web"), config(600)))
                .isInstanceOf(PolicyViolation.class)
                .hasMessage("arc: too much memory: requested 600 MB, 512 MB allowed, 0 MB in use")
                .satisfies(e -> assertThat(((PolicyViolation) e).rule()).isEqualTo(Rule.MEMORY))
                .satisfies(e -> assertThat(((PolicyViolation) e).path()).isEqualTo(ARC));
    }

    @Test
    void createWithinThePolicyIsRecordedAsUsage() throws PolicyViolation {
        ResourceTree tree = arc().addUnikernel(Name.parse("arc:web"), config(512));

        assertThat(tree.unikernels()).containsExactly(Name.parse("arc:web"));
        assertThat(tree.usage(ARC).unikernels()).isEqualTo(1);
        assertThat(tree.usage(ARC).memoryMb()).isEqualTo(512);
        assertThat(tree.usage(Path.ROOT).memoryMb()).isEqualTo(512);
        assertThat(tree.usage(Path.of("other")).isEmpty()).isTrue();
    }

    @Test
    void createIsRefusedWhenTheUnikernelCountIsReached() throws PolicyViolation {
        ResourceTree tree = arc().addUnikernel(Name.parse("arc:one"), config(100));

        assertThatThrownBy(() -> tree.checkCreate(Name.parse("arc:two"), config(100)))
                .hasMessage("arc: maximum amount of unikernels reached: requested 1 more, 1 allowed, 1 running");
    }

    @Test
    void aPolicySetOverRunningUnikernelsCountsThemAndADestroyMakesRoomAgain() throws PolicyViolation {
        ResourceTree tree = ResourceTree.EMPTY.addUnikernel(Name.parse("arc:deep:one"), config(200))
                .insertPolicy(ARC, policy(2, 512, Optional.empty()));

        assertThatThrownBy(() -> tree.checkCreate(Name.parse("arc:two"), config(400)))
                .hasMessage("arc: too much memory: requested 400 MB, 512 MB allowed, 200 MB in use");
        ResourceTree two = tree.addUnikernel(Name.parse("arc:two"), config(300));
        assertThatThrownBy(() -> two.checkCreate(Name.parse("arc:three"), config(10)))
                .hasMessage("arc: maximum amount of unikernels reached: requested 1 more, 2 allowed, 2 running");
        two.removeUnikernel(Name.parse("arc:deep:one")).checkCreate(Name.parse("arc:three"), config(212));
    }

    @Test
    void createIsRefusedForCpuIdsOutsideThePolicy() {
        assertThatThrownBy(() -> arc().checkCreate(Name.parse("arc:web"), config(64, Set.of(0, 3), Set.of(), Set.of())))
                .hasMessage("arc: cpuid not allowed: requested [0, 3], [0] allowed");
    }

    @Test
    void createIsRefusedForBridgesOutsideThePolicy() {
        assertThatThrownBy(() -> arc().checkCreate(Name.parse("arc:web"),
                config(64, Set.of(0), Set.of("service"), Set.of())))
                .hasMessage("arc: wrong bridge: requested [service], [] allowed");
    }

    @Test
    void aNetworkIsCheckedByItsHostBridgeNotItsNameInsideTheUnikernel() throws PolicyViolation {
        ResourceTree tree = ResourceTree.EMPTY.insertPolicy(ARC, policy(2, 512, Optional.empty()));
        UnikernelArguments mapped = Unikernels.attached(64, Set.of(0), Set.of(),
                Set.of(new NetworkAttachment("net0", Optional.of("service"), Optional.empty())));

        assertThat(tree.addUnikernel(Name.parse("arc:web"), mapped).usage(ARC).bridges()).containsExactly("service");
    }

    @Test
    void everyPolicyAboveTheUnikernelLimitsItSoSiblingsCannotTogetherExceedTheirParent() throws PolicyViolation {
        Policy half = new Policy(1, Set.of(0), 300, Optional.empty(), Set.of());
        ResourceTree tree = arc()
                .insertPolicy(Path.of("arc", "a"), half)
                .insertPolicy(Path.of("arc", "b"), half)
                .addUnikernel(Name.parse("arc:a:web"), config(300));

        assertThatThrownBy(() -> tree.checkCreate(Name.parse("arc:b:web"), config(100)))
                .hasMessage("arc: maximum amount of unikernels reached: requested 1 more, 1 allowed, 1 running");
    }

    @Test
    void aPathWithoutPolicyIsLimitedOnlyByThePoliciesAboveIt() throws PolicyViolation {
        ResourceTree tree = ResourceTree.EMPTY.addUnikernel(Name.parse("free:web"), config(100_000));

        assertThat(tree.usage(Path.of("free")).memoryMb()).isEqualTo(100_000);
        assertThatThrownBy(() -> arc().checkCreate(Name.parse("arc:deep:web"), config(1024)))
                .hasMessageStartingWith("arc: too much memory");
    }

    @Test
    void createNeedsALabelNotJustAPath() {
        assertThatThrownBy(() -> arc().checkCreate(Name.parse("arc:"), config(64)))
                .hasMessage("arc: invalid name: a unikernel needs a name, \"arc:\" is only a path");
    }

    @Test
    void createIsRefusedWhenTheNameIsTakenAndForceCreateChecksWithoutTheOldOne() throws PolicyViolation {
        Name web = Name.parse("arc:web");
        ResourceTree tree = arc().addUnikernel(web, config(500));

        assertThatThrownBy(() -> tree.checkCreate(web, config(500)))
                .hasMessage("arc: name already taken: unikernel arc:web already exists (force-create replaces it)");
        tree.removeUnikernel(web).checkCreate(web, config(500));
    }

    @Test
    void createNeedsItsBlockDevicesToExistUnderTheSamePathAndBeDetached() throws PolicyViolation {
        Policy withBlock = new Policy(2, Set.of(0), 512, Optional.of(100L), Set.of());
        ResourceTree tree = ResourceTree.EMPTY.insertPolicy(ARC, withBlock).addBlock(Name.parse("arc:data"), 50);
        UnikernelArguments usesData = config(64, Set.of(0), Set.of(), Set.of("data"));

        UnikernelArguments usesDisk = config(64, Set.of(0), Set.of(), Set.of("disk"));
        assertThatThrownBy(() -> tree.checkCreate(Name.parse("arc:web"), usesDisk))
                .hasMessage("arc: no such name: block device arc:disk does not exist");
        ResourceTree running = tree.addUnikernel(Name.parse("arc:web"), usesData);
        assertThat(running.blockDevices()).containsEntry(Name.parse("arc:data"), new BlockDevice(50, true));
        assertThatThrownBy(() -> running.checkCreate(Name.parse("arc:web2"), usesData))
                .hasMessage("arc: in use: block device arc:data is already attached to a running unikernel");
        assertThat(running.removeUnikernel(Name.parse("arc:web")).blockDevices())
                .containsEntry(Name.parse("arc:data"), new BlockDevice(50, false));
    }

    @Test
    void aBlockAttachmentIsLookedUpByItsHostDevice() throws PolicyViolation {
        Policy withBlock = new Policy(2, Set.of(0), 512, Optional.of(100L), Set.of());
        ResourceTree tree = ResourceTree.EMPTY.insertPolicy(ARC, withBlock).addBlock(Name.parse("arc:data"), 50);
        UnikernelArguments mapped = Unikernels.attached(64, Set.of(0),
                Set.of(new BlockAttachment("storage", Optional.of("data"), Optional.empty())), Set.of());

        assertThat(tree.addUnikernel(Name.parse("arc:web"), mapped).blockDevices().get(Name.parse("arc:data")).active())
                .isTrue();
    }

    @Test
    void blockAddIsRefusedWithoutBlockStorageInThePolicy() {
        assertThatThrownBy(() -> arc().checkBlockAdd(Name.parse("arc:data"), 10))
                .hasMessage("arc: block disallowed: requested 10 MB, the policy allows no block storage");
    }

    @Test
    void blockAddCountsAttachedAndDetachedDevices() throws PolicyViolation {
        Policy withBlock = new Policy(2, Set.of(0), 512, Optional.of(100L), Set.of());
        ResourceTree tree = ResourceTree.EMPTY.insertPolicy(ARC, withBlock)
                .addBlock(Name.parse("arc:a"), 40)
                .addBlock(Name.parse("arc:b"), 40)
                .addUnikernel(Name.parse("arc:web"), config(64, Set.of(0), Set.of(), Set.of("a")));

        assertThatThrownBy(() -> tree.checkBlockAdd(Name.parse("arc:c"), 21))
                .hasMessage("arc: block disallowed: requested 21 MB, 100 MB allowed, 80 MB in use");
        assertThat(tree.addBlock(Name.parse("arc:c"), 20).usage(ARC).blockMb()).isEqualTo(100);
    }

    @Test
    void aBlockDeviceTakesAtLeastOneMegabyteSoTheQuotaBoundsHowManyThereAre() throws PolicyViolation {
        ResourceTree tree = ResourceTree.EMPTY.insertPolicy(ARC, new Policy(2, Set.of(0), 512, Optional.of(10L),
                Set.of()));

        assertThatThrownBy(() -> tree.checkBlockAdd(Name.parse("arc:empty"), 0))
                .hasMessage("arc: block disallowed: requested 0 MB, a block device takes at least 1 MB");
        assertThatThrownBy(() -> tree.addBlock(Name.parse("arc:negative"), -1))
                .hasMessage("arc: block disallowed: requested -1 MB, a block device takes at least 1 MB");
        ResourceTree full = tree;
        for (int i = 0; i < 10; i++) {
            full = full.addBlock(Name.parse("arc:d" + i), 1);
        }
        ResourceTree tenDevices = full;
        assertThatThrownBy(() -> tenDevices.checkBlockAdd(Name.parse("arc:d10"), 1))
                .hasMessage("arc: block disallowed: requested 1 MB, 10 MB allowed, 10 MB in use");
    }

    @Test
    void blockDevicesAreRemovedOnlyWhenDetached() throws PolicyViolation {
        Policy withBlock = new Policy(2, Set.of(0), 512, Optional.of(100L), Set.of());
        Name data = Name.parse("arc:data");
        ResourceTree tree = ResourceTree.EMPTY.insertPolicy(ARC, withBlock).addBlock(data, 40);

        assertThatThrownBy(() -> tree.addBlock(data, 1)).hasMessageContaining("block device arc:data already exists");
        ResourceTree attached = tree.addUnikernel(Name.parse("arc:web"),
                config(64, Set.of(0), Set.of(), Set.of("data")));
        assertThatThrownBy(() -> attached.removeBlock(data))
                .hasMessage("arc: in use: block device arc:data is attached to a running unikernel");
        assertThat(tree.removeBlock(data).blockDevices()).isEmpty();
        assertThatThrownBy(() -> tree.removeBlock(Name.parse("arc:nothing")))
                .hasMessage("arc: no such name: there is no block device arc:nothing");
    }

    @Test
    void aPolicyMustFitInsideEveryPolicyAboveIt() throws PolicyViolation {
        Policy tooMuchMemory = new Policy(1, Set.of(0), 1024, Optional.empty(), Set.of());

        assertThatThrownBy(() -> arc().insertPolicy(Path.of("arc", "sub"), tooMuchMemory))
                .hasMessage("arc:sub: delegated policy does not fit: asks for 1024 MB memory, 512 MB allowed by the "
                        + "policy at arc");
        Policy someBlock = new Policy(1, Set.of(0), 100, Optional.of(1L), Set.of());
        assertThatThrownBy(() -> arc().insertPolicy(Path.of("arc", "sub"), someBlock))
                .hasMessageContaining("asks for 1 MB block storage, none allowed");
    }

    @Test
    void aPolicyMustStillHoldEveryPolicyDelegatedBelowIt() throws PolicyViolation {
        ResourceTree tree = arc().insertPolicy(Path.of("arc", "sub"), ARC_POLICY);
        Policy smaller = new Policy(1, Set.of(0), 256, Optional.empty(), Set.of());

        assertThatThrownBy(() -> tree.insertPolicy(ARC, smaller))
                .hasMessage("arc: delegated policy does not fit: the policy delegated to arc:sub asks for 512 MB "
                        + "memory, 256 MB allowed by this one");
    }

    @Test
    void aPolicyMustHoldWhatAlreadyRunsUnderIt() throws PolicyViolation {
        ResourceTree tree = arc().addUnikernel(Name.parse("arc:web"), config(400));

        assertThatThrownBy(() -> tree.insertPolicy(ARC, new Policy(1, Set.of(0), 300, Optional.empty(), Set.of())))
                .hasMessage("arc: too much memory: 400 MB in use, 300 MB allowed");
        assertThatThrownBy(() -> tree.insertPolicy(ARC, new Policy(1, Set.of(1), 512, Optional.empty(), Set.of())))
                .hasMessage("arc: cpuid not allowed: running unikernels use [0], [1] allowed");
        assertThat(tree.insertPolicy(ARC, new Policy(2, Set.of(0), 400, Optional.empty(), Set.of())).policy(ARC))
                .map(Policy::unikernels).contains(2);
    }

    @Test
    void theRootPolicyLimitsEveryone() throws PolicyViolation {
        ResourceTree tree = ResourceTree.EMPTY.insertPolicy(Path.ROOT,
                new Policy(Integer.MAX_VALUE, Set.of(0, 1), 2048, Optional.of(0L), Set.of("service")));

        assertThatThrownBy(() -> tree.insertPolicy(ARC, new Policy(1, Set.of(2), 512, Optional.empty(), Set.of())))
                .hasMessage("arc: delegated policy does not fit: asks for cpuids [2], [0, 1] allowed by the policy at "
                        + "(root)");
        assertThatThrownBy(() -> tree.checkCreate(Name.parse("web"), config(4096)))
                .hasMessage("(root): too much memory: requested 4096 MB, 2048 MB allowed, 0 MB in use");
    }

    @Test
    void aPolicyIsRemovedOnlyWhenNothingRunsUnderIt() throws PolicyViolation {
        ResourceTree tree = arc().addUnikernel(Name.parse("arc:web"), config(100));

        assertThatThrownBy(() -> tree.removePolicy(ARC))
                .hasMessage("arc: in use: 1 unikernels and 0 block devices are under this path; destroy and remove "
                        + "them first");
        assertThat(tree.removeUnikernel(Name.parse("arc:web")).removePolicy(ARC).policies()).isEmpty();
        assertThatThrownBy(() -> ResourceTree.EMPTY.removePolicy(ARC))
                .hasMessage("arc: no such name: there is no policy at this path");
    }

    @Test
    void removingAnUnknownUnikernelIsRefused() {
        assertThatThrownBy(() -> ResourceTree.EMPTY.removeUnikernel(Name.parse("arc:web")))
                .hasMessage("arc: no such name: unikernel arc:web is not running");
    }

    @Test
    void usabilityNeedsUnikernelsCpusAndMoreThan16Megabytes() {
        assertThatThrownBy(() -> PolicyRules.requireUsable(ARC,
                new Policy(0, Set.of(0), 512, Optional.empty(), Set.of())))
                .hasMessage("arc: unusable policy: it allows no unikernels");
        assertThatThrownBy(() -> PolicyRules.requireUsable(ARC,
                new Policy(1, Set.of(), 512, Optional.empty(), Set.of())))
                .hasMessage("arc: unusable policy: it allows no CPU ids");
        assertThatThrownBy(() -> PolicyRules.requireUsable(ARC,
                new Policy(1, Set.of(0), 16, Optional.empty(), Set.of())))
                .hasMessage("arc: unusable policy: it allows 16 MB memory, a unikernel needs more than 16 MB");
    }

    @Test
    void noBlockIsSmallerThanAnyBlockButSomeBlockIsNotSmallerThanNone() {
        Policy none = new Policy(1, Set.of(0), 100, Optional.empty(), Set.of());
        Policy some = new Policy(1, Set.of(0), 100, Optional.of(10L), Set.of());
        Policy more = new Policy(1, Set.of(0), 100, Optional.of(20L), Set.of());

        assertThat(PolicyRules.whyNotSmaller(none, some)).isEmpty();
        assertThat(PolicyRules.whyNotSmaller(some, none)).isPresent();
        assertThat(PolicyRules.whyNotSmaller(some, more)).isEmpty();
        assertThat(PolicyRules.whyNotSmaller(more, some)).isPresent();
        assertThat(PolicyRules.whyNotSmaller(none, none)).isEmpty();
    }
}

package org.albatross.vmm;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.vmm.solo5.Solo5Target;
import org.junit.jupiter.api.Test;

class Solo5AdapterTest {
    private static final Tender HVT = new Tender(Path.of("/usr/local/bin/solo5-hvt"),
            "solo5-hvt tender, version v0.12.1", 2);
    private final Solo5Adapter hvt = new Solo5Adapter(Solo5Target.HVT, HVT);

    @Test
    void plansTheSmallestLaunch() throws LaunchRefused {
        LaunchPlan plan = hvt.plan(Unikernels.NAME, Unikernels.minimal(), Unikernels.bareHost());

        assertThat(plan.command()).containsExactly("/usr/local/bin/solo5-hvt", "--mem=64", "--",
                "/run/albatross/foo_web.img");
        assertThat(plan.exitEncoding()).isEqualTo(ExitEncoding.DIRECT);
        assertThat(plan.taps()).isEmpty();
        assertThat(plan.before()).isEmpty();
        assertThat(plan.after()).isEmpty();
    }

    @Test
    void plansEveryOption() throws LaunchRefused {
        LaunchPlan plan = hvt.plan(Unikernels.NAME, Unikernels.full(), Unikernels.fullHost());

        assertThat(plan.command()).containsExactly("/usr/local/bin/solo5-hvt", "--mem=64",
                "--net:service0=vmmtap0", "--net:service1=vmmtap1",
                "--net-mac:service0=02:00:00:00:00:01", "--net-mac:service1=" + Unikernels.SERVICE1_DEFAULT_MAC,
                "--block:data=/var/lib/albatross/block/data", "--block:storage=/var/lib/albatross/block/storage",
                "--block-sector-size:storage=4096",
                "--", "/run/albatross/foo_web.img", "--name=web", "-l", "*:debug");
        assertThat(plan.taps()).extracting(TapDevice::tap, TapDevice::bridge)
                .containsExactly(tuple("vmmtap0", "br0"),
                        tuple("vmmtap1", "service1"));
        assertThat(plan.blocks()).extracting(BlockFile::name).containsExactly("data", "storage");
        assertThat(plan.cpus()).containsExactlyInAnyOrder(0, 2);
        assertThat(plan.environment()).isEmpty();
    }

    @Test
    void leavesPinningToTheSpawner() throws LaunchRefused {
        LaunchPlan plan = hvt.plan(Unikernels.NAME, Unikernels.full(), Unikernels.fullHost());

        assertThat(plan.cpus()).containsExactlyInAnyOrder(0, 2);
        assertThat(plan.command()).first().isEqualTo("/usr/local/bin/solo5-hvt");
    }

    @Test
    void passesTheWholeNameWhenItHasNoLabel() throws LaunchRefused {
        var config = Unikernels.config(Set.of(), Set.of(), Optional.empty(), true, Set.of(), 1);

        assertThat(hvt.plan(Name.parse("foo:"), config, Unikernels.bareHost()).command())
                .endsWith("--", "/run/albatross/foo_web.img", "--name=foo:");
    }

    @Test
    void refusesAPlanWithoutATapForAnInterface() {
        assertThatThrownBy(() -> hvt.plan(Unikernels.NAME, Unikernels.full(), Unikernels.bareHost()))
                .isInstanceOf(LaunchRefused.class)
                .hasMessage("no tap prepared for network interface \"service0\"");
    }

    @Test
    void admitsAnImageDeclaringExactlyTheRequestedDevices() throws ImageRejected {
        var config = Unikernels.config(Set.of(NetworkAttachment.named("service0"),
                NetworkAttachment.named("service1")), Set.of(), Optional.empty(), false, Set.of(), 1);

        hvt.admit(Unikernels.image(fixture("hvt-two-networks")), config);
    }

    @Test
    void refusesAnImageDeclaringOtherDevicesBeforeAnythingStarts() {
        var config = Unikernels.config(Set.of(NetworkAttachment.named("service0")),
                Set.of(BlockAttachment.named("storage")), Optional.empty(), false, Set.of(), 1);

        assertThatThrownBy(() -> hvt.admit(Unikernels.image(fixture("hvt-two-networks")), config)).isInstanceOf(ImageRejected.class)
                .hasMessage("the requested block devices [storage] differ from the image's manifest, which declares"
                        + " net \"service0\", net \"service1\"; request exactly the declared devices");
    }

    @Test
    void refusesMissingNetworks() {
        assertThatThrownBy(() -> hvt.admit(Unikernels.image(fixture("hvt-two-networks")), Unikernels.minimal()))
                .hasMessageStartingWith("the requested network interfaces [] differ from the image's manifest");
    }

    @Test
    void refusesAnImageForAnotherTarget() {
        assertThatThrownBy(() -> hvt.admit(Unikernels.image(fixture("spt-no-devices")), Unikernels.minimal()))
                .hasMessage("the image is built for Solo5's spt target, this adapter runs hvt images");
    }

    @Test
    void onlyHvtAndSptHaveTenders() {
        assertThatThrownBy(() -> new Solo5Adapter(Solo5Target.VIRTIO, HVT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plansWithABlockDeviceNamedAsTheManifest() throws LaunchRefused {
        var config = Unikernels.config(Set.of(), Set.of(BlockAttachment.named("storage")), Optional.empty(), false,
                Set.of(), 1);
        var host = new HostResources(Unikernels.IMAGE, Unikernels.RUN, Map.of(),
                Map.of("storage", Unikernels.STORAGE));

        assertThat(hvt.plan(Unikernels.NAME, config, host).command())
                .contains("--block:storage=/var/lib/albatross/block/storage").doesNotContain("--net-mac");
    }
}

package org.albatross.vmm;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockAttachment;
import org.junit.jupiter.api.Test;

class XenAdapterTest {
    private final XenAdapter xen = new XenAdapter(Path.of("xl"));

    @Test
    void writesTheSmallestDomainConfiguration() throws LaunchRefused {
        LaunchPlan plan = xen.plan(Unikernels.NAME, Unikernels.minimal(), Unikernels.bareHost());

        assertThat(plan.command()).containsExactly("xl", "create", "-c", "/run/albatross/foo_web.xl");
        assertThat(plan.configuration().orElseThrow().contents()).isEqualTo("""
                name = "foo_web"
                type = "pvh"
                kernel = "/run/albatross/foo_web.img"
                memory = 64
                vcpus = 1
                vif = [  ]
                disk = [  ]
                extra = ""
                on_crash = "destroy"
                on_poweroff = "destroy"
                """);
        assertThat(plan.after()).containsExactly(List.of("xl", "destroy", "foo_web"));
        assertThat(plan.taps()).isEmpty();
    }

    @Test
    void writesEveryOption() throws LaunchRefused {
        var config = Unikernels.config(Unikernels.full().bridges(), Set.of(BlockAttachment.named("storage"),
                BlockAttachment.named("data")), Optional.of(List.of("-l", "say \"hi\"")), true, Set.of(2, 0), 2);

        assertThat(xen.plan(Unikernels.NAME, config, Unikernels.fullHost()).configuration().orElseThrow().contents())
                .isEqualTo("""
                        name = "foo_web"
                        type = "pvh"
                        kernel = "/run/albatross/foo_web.img"
                        memory = 64
                        vcpus = 2
                        cpus = "0,2"
                        vif = [ 'bridge=br0,mac=02:00:00:00:00:01', 'bridge=service1,mac=%s' ]
                        disk = [ 'format=raw,vdev=xvda,target=/var/lib/albatross/block/data', \
                        'format=raw,vdev=xvdb,target=/var/lib/albatross/block/storage' ]
                        extra = "--name=web -l say \\"hi\\""
                        on_crash = "destroy"
                        on_poweroff = "destroy"
                        """.formatted(Unikernels.SERVICE1_DEFAULT_MAC));
    }

    @Test
    void refusesASectorSizeXenCannotSet() {
        assertThatThrownBy(() -> xen.plan(Unikernels.NAME, Unikernels.full(), Unikernels.fullHost()))
                .isInstanceOf(LaunchRefused.class)
                .hasMessage("Xen's disk configuration has no sector size; drop it from block device \"storage\"");
    }

    @Test
    void refusesAnImageForAnotherTarget() {
        assertThatThrownBy(() -> xen.admit(Unikernels.image(fixture("spt-no-devices")), Unikernels.minimal()))
                .hasMessage("the image is built for Solo5's spt target; Xen runs Solo5 xen (PVH) images");
    }
}

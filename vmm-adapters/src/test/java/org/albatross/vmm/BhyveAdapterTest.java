package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;

class BhyveAdapterTest {
    private final BhyveAdapter bhyve = new BhyveAdapter(new BhyveAdapter.Programs(Path.of("bhyve"),
            Path.of("bhyveload"), Path.of("bhyvectl")));

    @Test
    void plansTheSmallestLaunchWithLoaderAndDestroy() throws LaunchRefused {
        LaunchPlan plan = bhyve.plan(Unikernels.NAME, Unikernels.minimal(), Unikernels.bareHost());

        assertThat(plan.before()).containsExactly(
                List.of("bhyveload", "-m", "64M", "-d", "/run/albatross/foo_web.img", "foo_web"));
        assertThat(plan.command()).containsExactly("bhyve", "-A", "-H", "-P", "-s", "0,hostbridge", "-s", "1,lpc",
                "-l", "com1,stdio", "-c", "1", "-m", "64M", "foo_web");
        assertThat(plan.after()).containsExactly(List.of("bhyvectl", "--destroy", "--vm=foo_web"));
    }

    @Test
    void plansEveryOption() throws LaunchRefused {
        var config = Unikernels.config(Unikernels.full().bridges(), Unikernels.full().blockDevices(),
                Optional.empty(), true, Set.of(0, 2), 2);

        assertThat(bhyve.plan(Unikernels.NAME, config, Unikernels.fullHost()).command()).containsExactly(
                "bhyve", "-A", "-H", "-P", "-s", "0,hostbridge", "-s", "1,lpc",
                "-s", "2,virtio-net,vmmtap0,mac=02:00:00:00:00:01",
                "-s", "3,virtio-net,vmmtap1,mac=" + Unikernels.SERVICE1_DEFAULT_MAC,
                "-s", "4,virtio-blk,/var/lib/albatross/block/data",
                "-s", "5,virtio-blk,/var/lib/albatross/block/storage,sectorsize=4096",
                "-l", "com1,stdio", "-c", "2", "-m", "64M", "foo_web");
    }

    @Test
    void refusesArgumentsItCannotPass() {
        assertThatThrownBy(() -> bhyve.admit(Unikernels.image(UnikernelType.BHYVE, new byte[0]), Unikernels.full())).isInstanceOf(ImageRejected.class)
                .hasMessage("bhyve boots a disk image and passes it no command line; drop the arguments");
    }
}

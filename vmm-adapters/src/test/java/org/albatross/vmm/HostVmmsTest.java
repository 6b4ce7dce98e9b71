package org.albatross.vmm;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.solo5.Solo5Target;
import org.junit.jupiter.api.Test;

/** The adapter each image gets, from what the host was probed to offer; no tender is run or even looked at. */
class HostVmmsTest {
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    /** Nothing exists there: handing out an adapter must not look. */
    private static final Tender SPT = new Tender(Path.of("/nonexistent/solo5-spt"), "solo5-spt tender, version"
            + " v0.12.1", 2);

    private static HostVmms.Probe probe(Optional<String> hvtUnusable, Tender... spt) {
        return new HostVmms.Probe(new Solo5Tenders(List.of(
                new Solo5Tenders.Search(Solo5Target.HVT, Optional.empty(), List.of(), List.of(), List.of()),
                new Solo5Tenders.Search(Solo5Target.SPT, Optional.empty(), List.of(), List.of(spt), List.of())),
                hvtUnusable), QemuAccelerator.TCG);
    }

    @Test
    void givesSolo5ImagesTheTenderOfTheirTargetAndAbiVersion() throws Exception {
        HostVmms vmms = new HostVmms(probe(Optional.empty(), SPT), QEMU, HostPlatform.LINUX);

        VmmAdapter adapter = vmms.adapterFor(Unikernels.image(fixture("spt-no-devices")));

        assertThat(adapter.plan(Unikernels.NAME, Unikernels.minimal(), Unikernels.bareHost()).command())
                .startsWith("/nonexistent/solo5-spt", "--mem=64");
    }

    @Test
    void usesWhatTheLatestProbeFound() throws Exception {
        HostVmms vmms = new HostVmms(probe(Optional.empty()), QEMU, HostPlatform.LINUX);
        assertThatThrownBy(() -> vmms.adapterFor(Unikernels.image(fixture("spt-no-devices"))))
                .hasMessageStartingWith("no solo5-spt tender for Solo5 ABI version 2: ");

        vmms.replace(probe(Optional.empty(), SPT));

        assertThat(vmms.adapterFor(Unikernels.image(fixture("spt-no-devices"))).plan(Unikernels.NAME,
                Unikernels.minimal(), Unikernels.bareHost()).command()).startsWith("/nonexistent/solo5-spt");
    }

    @Test
    void refusesAnHvtImageWhenKvmIsNotUsable() {
        HostVmms vmms = new HostVmms(probe(Optional.of("/dev/kvm does not exist"), SPT), QEMU, HostPlatform.LINUX);

        assertThatThrownBy(() -> vmms.adapterFor(Unikernels.image(fixture("hvt-no-devices"))))
                .isInstanceOf(ImageRejected.class)
                .hasMessageStartingWith("solo5-hvt cannot run here: it needs a usable KVM device, and /dev/kvm does"
                        + " not exist");
    }

    @Test
    void givesOtherImagesTheirMonitor() throws ImageRejected {
        HostVmms vmms = new HostVmms(probe(Optional.empty()), QEMU, HostPlatform.LINUX);

        assertThat(vmms.adapterFor(Unikernels.image(TestKernel.bytes()))).isInstanceOf(QemuAdapter.class);
        assertThat(vmms.adapterFor(Unikernels.image(UnikernelType.BHYVE, new byte[0]))).isInstanceOf(BhyveAdapter.class);
    }
}

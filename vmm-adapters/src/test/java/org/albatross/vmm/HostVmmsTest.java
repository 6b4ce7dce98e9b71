package org.albatross.vmm;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostVmmsTest {
    @TempDir
    Path tenders;

    private HostVmms vmms() {
        return new HostVmms(new TenderLocator(Optional.of(tenders), tenders, List.of(), ProcessLauncher.SYSTEM),
                Path.of("/usr/bin/qemu-system-x86_64"), QemuAccelerator.TCG, HostPlatform.LINUX);
    }

    @Test
    void givesSolo5ImagesTheirLocatedTender() throws Exception {
        Path spt = FakeTenders.write(tenders.resolve("solo5-spt"), 2);

        VmmAdapter adapter = vmms().adapterFor(Unikernels.image(fixture("spt-no-devices")));

        assertThat(adapter.plan(Unikernels.NAME, Unikernels.minimal(), Unikernels.bareHost()).command())
                .startsWith(spt.toString(), "--mem=64");
    }

    @Test
    void refusesASolo5ImageWhoseTenderIsMissing() {
        assertThatThrownBy(() -> vmms().adapterFor(Unikernels.image(fixture("hvt-no-devices"))))
                .isInstanceOf(ImageRejected.class).hasMessageStartingWith("no solo5-hvt tender on this host");
    }

    @Test
    void givesOtherImagesTheirMonitor() throws ImageRejected {
        assertThat(vmms().adapterFor(Unikernels.image(TestKernel.bytes()))).isInstanceOf(QemuAdapter.class);
        assertThat(vmms().adapterFor(Unikernels.image(UnikernelType.BHYVE, new byte[0]))).isInstanceOf(BhyveAdapter.class);
    }
}

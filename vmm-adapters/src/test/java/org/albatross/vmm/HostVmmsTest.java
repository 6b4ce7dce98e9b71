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
    /** Odd places, as an operator may configure them: each plan must name exactly these. */
    private static final HostVmms.Programs PROGRAMS = new HostVmms.Programs(Path.of("/opt/my qemu/qemu-system-x86_64"),
            new BhyveAdapter.Programs(Path.of("/opt/bhyve dir/bhyve"), Path.of("/opt/bhyve dir/bhyveload"),
                    Path.of("/opt/bhyve dir/bhyvectl")), Path.of("/opt/xen tools/xl"));
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
        HostVmms vmms = new HostVmms(probe(Optional.empty(), SPT), PROGRAMS);

        VmmAdapter adapter = vmms.adapterFor(Unikernels.image(fixture("spt-no-devices")));

        assertThat(adapter.plan(Unikernels.NAME, Unikernels.minimal(), Unikernels.bareHost()).command())
                .startsWith("/nonexistent/solo5-spt", "--mem=64");
    }

    @Test
    void usesWhatTheLatestProbeFound() throws Exception {
        HostVmms vmms = new HostVmms(probe(Optional.empty()), PROGRAMS);
        assertThatThrownBy(() -> vmms.adapterFor(Unikernels.image(fixture("spt-no-devices"))))
                .hasMessageStartingWith("no solo5-spt tender for Solo5 ABI version 2: ");

        vmms.replace(probe(Optional.empty(), SPT));

        assertThat(vmms.adapterFor(Unikernels.image(fixture("spt-no-devices"))).plan(Unikernels.NAME,
                Unikernels.minimal(), Unikernels.bareHost()).command()).startsWith("/nonexistent/solo5-spt");
    }

    @Test
    void refusesAnHvtImageWhenKvmIsNotUsable() {
        HostVmms vmms = new HostVmms(probe(Optional.of("/dev/kvm does not exist"), SPT), PROGRAMS);

        assertThatThrownBy(() -> vmms.adapterFor(Unikernels.image(fixture("hvt-no-devices"))))
                .isInstanceOf(ImageRejected.class)
                .hasMessageStartingWith("solo5-hvt cannot run here: it needs a usable KVM device, and /dev/kvm does"
                        + " not exist");
    }

    @Test
    void givesOtherImagesTheirMonitor() throws ImageRejected {
        HostVmms vmms = new HostVmms(probe(Optional.empty()), PROGRAMS);

        assertThat(vmms.adapterFor(Unikernels.image(TestKernel.bytes()))).isInstanceOf(QemuAdapter.class);
        assertThat(vmms.adapterFor(Unikernels.image(UnikernelType.BHYVE, new byte[0]))).isInstanceOf(BhyveAdapter.class);
    }

    @Test
    void givesEachMonitorTheProgramsTheOperatorConfigured() throws Exception {
        HostVmms vmms = new HostVmms(probe(Optional.empty()), PROGRAMS);

        assertThat(vmms.adapterFor(Unikernels.image(TestKernel.bytes())).plan(Unikernels.NAME, Unikernels.minimal(),
                Unikernels.bareHost()).command()).startsWith("/opt/my qemu/qemu-system-x86_64");
        LaunchPlan bhyve = vmms.adapterFor(Unikernels.image(UnikernelType.BHYVE, new byte[0])).plan(Unikernels.NAME,
                Unikernels.minimal(), Unikernels.bareHost());
        assertThat(bhyve.before()).extracting(command -> command.get(0)).containsExactly("/opt/bhyve dir/bhyveload");
        assertThat(bhyve.command()).startsWith("/opt/bhyve dir/bhyve");
        assertThat(bhyve.after()).extracting(command -> command.get(0)).containsExactly("/opt/bhyve dir/bhyvectl");
        LaunchPlan xen = vmms.adapterFor(Unikernels.image(fixture("xen-no-devices"))).plan(Unikernels.NAME,
                Unikernels.minimal(), Unikernels.bareHost());
        assertThat(xen.command()).startsWith("/opt/xen tools/xl", "create");
        assertThat(xen.after()).containsExactly(List.of("/opt/xen tools/xl", "destroy", "foo_web"));
    }
}

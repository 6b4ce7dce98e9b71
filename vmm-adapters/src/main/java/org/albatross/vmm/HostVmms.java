package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Objects;
import org.albatross.vmm.solo5.Solo5Abi;

/**
 * The monitors this host offers; hands out the adapter each image needs, without I/O: what depends on the host
 * (its tenders, whether KVM works) is probed at start and on reload and replaced here as a whole.
 */
public final class HostVmms {
    /** What probing the host found: its Solo5 tenders, and the accelerator QEMU gets. */
    public record Probe(Solo5Tenders tenders, QemuAccelerator accelerator) {
        public Probe {
            Objects.requireNonNull(tenders, "tenders");
            Objects.requireNonNull(accelerator, "accelerator");
        }
    }

    /** Where the programs of the monitors that need no probing are, as the operator configured them. */
    public record Programs(Path qemu, BhyveAdapter.Programs bhyve, Path xl) {
        public Programs {
            Objects.requireNonNull(qemu, "qemu");
            Objects.requireNonNull(bhyve, "bhyve");
            Objects.requireNonNull(xl, "xl");
        }
    }

    private final Programs programs;
    /** Read once per create, so that a create sees one probe, not half of the next. */
    private volatile Probe probe;

    public HostVmms(Probe probe, Programs programs) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.programs = Objects.requireNonNull(programs, "programs");
    }

    /** Replaces what the host was probed to offer (on reload); creates from now on use {@code next}. */
    public void replace(Probe next) {
        probe = Objects.requireNonNull(next, "next");
    }

    /** The adapter for a decided image, with the tender of its Solo5 target and ABI version. */
    public VmmAdapter adapterFor(UnikernelImage image) throws ImageRejected {
        Probe host = probe;
        return switch (image.backend()) {
            case SOLO5_HVT, SOLO5_SPT -> {
                Solo5Abi abi = image.requireSolo5().abi();
                yield new Solo5Adapter(abi.target(), host.tenders().tenderFor(abi));
            }
            case QEMU -> new QemuAdapter(programs.qemu(), host.accelerator());
            case BHYVE -> new BhyveAdapter(programs.bhyve());
            case XEN -> new XenAdapter(programs.xl());
        };
    }
}

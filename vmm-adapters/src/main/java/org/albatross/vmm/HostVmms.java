package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Objects;
import org.albatross.vmm.solo5.Solo5Abi;

/** The monitors this host offers, configured once; hands out the adapter each image needs. */
public final class HostVmms {
    private final TenderLocator tenders;
    private final Path qemu;
    private final QemuAccelerator accelerator;
    private final HostPlatform platform;

    public HostVmms(TenderLocator tenders, Path qemu, QemuAccelerator accelerator, HostPlatform platform) {
        this.tenders = Objects.requireNonNull(tenders, "tenders");
        this.qemu = Objects.requireNonNull(qemu, "qemu");
        this.accelerator = Objects.requireNonNull(accelerator, "accelerator");
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    /** The adapter for a decided image, its solo5 tender located and its ABI checked. */
    public VmmAdapter adapterFor(UnikernelImage image) throws ImageRejected {
        return switch (image.backend()) {
            case SOLO5_HVT, SOLO5_SPT -> {
                Solo5Abi abi = image.requireSolo5().abi();
                yield new Solo5Adapter(abi.target(), tenders.locate(abi.target(), abi.version()), platform);
            }
            case QEMU -> new QemuAdapter(qemu, accelerator, platform);
            case BHYVE -> new BhyveAdapter();
            case XEN -> new XenAdapter();
        };
    }
}

package org.albatross.vmm;

import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.solo5.Solo5Image;

/** The adapter an image needs, decided from the config's type and, for Solo5, the image's ABI note. */
public enum Backend {
    SOLO5_HVT,
    SOLO5_SPT,
    QEMU,
    BHYVE,
    XEN;

    private static final int ELF_CLASS_OFFSET = 4;
    private static final byte ELF_CLASS_32 = 1;

    /**
     * bhyve images go to bhyve. A Solo5 image goes by its target: hvt and spt to their tenders, virtio to
     * QEMU, xen to Xen; muen and genode have no adapter. A 32-bit ELF without Solo5 notes is a plain
     * multiboot kernel (like the test kernel) and goes to QEMU.
     */
    public static Backend forImage(UnikernelType type, byte[] image) throws ImageRejected {
        if (type == UnikernelType.BHYVE) {
            return BHYVE;
        }
        Solo5Image solo5;
        try {
            solo5 = Solo5Image.read(image);
        } catch (ImageRejected notSolo5) {
            if (image.length > ELF_CLASS_OFFSET && image[ELF_CLASS_OFFSET] == ELF_CLASS_32
                    && notSolo5.getMessage().startsWith("not a Solo5 image: it has no Solo5")) {
                return QEMU;
            }
            throw notSolo5;
        }
        return switch (solo5.abi().target()) {
            case HVT -> SOLO5_HVT;
            case SPT -> SOLO5_SPT;
            case VIRTIO -> QEMU;
            case XEN -> XEN;
            case MUEN, GENODE -> throw new ImageRejected("the image is built for Solo5's "
                    + solo5.abi().target().label() + " target, which this daemon cannot run; build it for hvt, spt,"
                    + " virtio or xen");
        };
    }
}

package org.albatross.vmm;

/** The monitor that runs an image, as {@link UnikernelImage} decides it from the config's type and the image. */
public enum Backend {
    SOLO5_HVT,
    SOLO5_SPT,
    QEMU,
    BHYVE,
    XEN
}

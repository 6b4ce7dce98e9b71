package org.albatross.vmm.solo5;

import java.util.Arrays;
import java.util.Optional;

/** The platform a Solo5 image was built for, as its ABI note numbers it. */
public enum Solo5Target {
    HVT(1, "hvt"),
    SPT(2, "spt"),
    VIRTIO(3, "virtio"),
    MUEN(4, "muen"),
    GENODE(5, "genode"),
    XEN(6, "xen");

    private final int code;
    private final String label;

    Solo5Target(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The name solo5-elftool prints and the tender carries (solo5-hvt, solo5-spt). */
    public String label() {
        return label;
    }

    static Optional<Solo5Target> ofCode(long code) {
        return Arrays.stream(values()).filter(target -> target.code == code).findFirst();
    }
}

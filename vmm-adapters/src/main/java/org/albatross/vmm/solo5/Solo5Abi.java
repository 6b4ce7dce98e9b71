package org.albatross.vmm.solo5;

import java.util.Objects;

/** An image's ABI note: the target it was built for and the ABI version its tender must speak. */
public record Solo5Abi(Solo5Target target, int version) {
    public Solo5Abi {
        Objects.requireNonNull(target, "target");
    }
}

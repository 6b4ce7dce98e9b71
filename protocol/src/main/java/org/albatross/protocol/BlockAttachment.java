package org.albatross.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A block device a unikernel asks for: its name inside the unikernel, the host block device (defaults to the
 * same name) and an optional sector size.
 */
public record BlockAttachment(String name, Optional<String> hostDevice, Optional<Integer> sectorSize) {
    public BlockAttachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostDevice, "hostDevice");
        Objects.requireNonNull(sectorSize, "sectorSize");
        sectorSize.ifPresent(size -> Checks.nonNegative(size, "sector size"));
    }

    public static BlockAttachment named(String name) {
        return new BlockAttachment(name, Optional.empty(), Optional.empty());
    }

    /** The label of the host block device it attaches: the one it names, else one named like it. */
    public String hostDeviceLabel() {
        return hostDevice.orElse(name);
    }

    /**
     * The host block device it attaches, on {@code unikernel}'s path (a unikernel reaches only its own tenant's).
     *
     * @throws InvalidName if {@link #hostDeviceLabel} is no label
     */
    public Name hostDeviceOf(Name unikernel) {
        return Name.of(unikernel.path(), Label.of(hostDeviceLabel()));
    }
}

package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** A unikernel block device on the host: its name in the unikernel, the backing file, the sector size. */
public record BlockFile(String name, Path file, Optional<Integer> sectorSize) {
    public BlockFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sectorSize, "sectorSize");
    }
}

package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Objects;

/** A solo5 tender binary found on this host, and the Solo5 ABI version its {@code --version} reports. */
public record Tender(Path binary, int abiVersion) {
    public Tender {
        Objects.requireNonNull(binary, "binary");
    }
}

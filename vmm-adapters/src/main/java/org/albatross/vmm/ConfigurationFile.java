package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Objects;

/** A file the tender reads (Xen's domain configuration), written just before the tender starts. */
public record ConfigurationFile(Path path, String contents) {
    public ConfigurationFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contents, "contents");
    }
}

package org.albatross.daemon.store;

import java.nio.file.Path;
import java.util.Objects;
import org.albatross.protocol.Octets;

/**
 * An image in the {@link ImageStore}: its SHA-256 (which names it), its size, and its file. Returned pinned: the
 * store keeps it until {@link ImageStore#release} even when no saved unikernel refers to it yet.
 */
public record StoredImage(Octets digest, long size, Path file) {
    public StoredImage {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(file, "file");
    }
}

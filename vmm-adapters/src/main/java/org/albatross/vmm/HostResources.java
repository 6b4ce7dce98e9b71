package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the daemon has prepared on the host for one unikernel before asking for a launch plan: the image
 * file, a directory for its run-time files, a tap per network interface and a file per block device.
 */
public record HostResources(Path image, Path runDirectory, Map<String, String> tapByNetif,
        Map<String, Path> fileByBlock) {
    public HostResources {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(runDirectory, "runDirectory");
        tapByNetif = Map.copyOf(tapByNetif);
        fileByBlock = Map.copyOf(fileByBlock);
    }
}

package org.albatross.vmm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether this process can open Linux's KVM device for reading and writing, as solo5-hvt and QEMU's KVM
 * accelerator must, and if not, why. Probed at start and on reload, never per create.
 */
public record KvmAccess(Path device, Optional<String> problem) {
    /** The device solo5-hvt opens on Linux ({@code hvt_kvm.c}) and QEMU's {@code -accel kvm} needs. */
    public static final Path DEVICE = Path.of("/dev/kvm");

    public KvmAccess {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * Opens {@code device} read-write and closes it again, as the tender would open it: a permission check alone
     * would pass for root where a container's device rules still refuse the open.
     */
    public static KvmAccess probe(Path device) {
        if (!Files.exists(device)) {
            return new KvmAccess(device, Optional.of(device + " does not exist (no hardware virtualisation on this"
                    + " host, or the kvm module is not loaded)"));
        }
        try (FileChannel opened = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new KvmAccess(device, Optional.empty());
        } catch (AccessDeniedException e) {
            return new KvmAccess(device, Optional.of("albatrossd may not open " + device
                    + " for reading and writing (permission denied; add its user to the kvm group)"));
        } catch (IOException e) {
            return new KvmAccess(device, Optional.of(device + " cannot be opened for reading and writing: "
                    + e.getMessage()));
        }
    }

    public boolean usable() {
        return problem.isEmpty();
    }
}

package org.albatross.vmm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.solo5.Solo5Image;
import org.albatross.vmm.solo5.Solo5Target;

/**
 * A unikernel's (inflated) image, decided once when it arrives: the file it lies in, the backend that runs it and,
 * for a Solo5 image, its ABI and manifest. Everything later (the adapter's checks, the launch plan, a re-adoption)
 * works from this value instead of reading the image again.
 */
public record UnikernelImage(Path file, Backend backend, Optional<Solo5Image> solo5) {
    private static final int ELF_CLASS_OFFSET = 4;
    private static final byte ELF_CLASS_32 = 1;

    public UnikernelImage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(solo5, "solo5");
    }

    /**
     * Reads the image in {@code file}: mapped, so that only its ELF header, program headers and notes are read, never
     * the whole file into the heap.
     *
     * @throws ImageRejected when no backend can run it; the message says why
     */
    public static UnikernelImage read(UnikernelType type, Path file) throws ImageRejected, IOException {
        if (type == UnikernelType.BHYVE) {
            return new UnikernelImage(file, Backend.BHYVE, Optional.empty());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ImageRejected("the image has " + size + " bytes; images of 2 GiB and more are not run");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            try {
                return decide(type, mapped, file);
            } finally {
                // What was decided holds no view of it.
                FileMappings.release(mapped);
            }
        }
    }

    /**
     * bhyve images go to bhyve. A Solo5 image goes by its target: hvt and spt to their tenders, virtio to QEMU (whose
     * multiboot loader takes 32-bit ELF only), xen to Xen; muen and genode have no adapter. A 32-bit ELF without
     * Solo5 notes is a plain multiboot kernel (like the test kernel) and goes to QEMU.
     *
     * @param image the whole image, from position 0 to its limit
     * @param file where it lies
     */
    public static UnikernelImage decide(UnikernelType type, ByteBuffer image, Path file) throws ImageRejected {
        if (type == UnikernelType.BHYVE) {
            return new UnikernelImage(file, Backend.BHYVE, Optional.empty());
        }
        boolean elf32 = image.limit() > ELF_CLASS_OFFSET && image.get(ELF_CLASS_OFFSET) == ELF_CLASS_32;
        Solo5Image solo5;
        try {
            solo5 = Solo5Image.read(image);
        } catch (ImageRejected notSolo5) {
            if (elf32 && notSolo5.getMessage().startsWith("not a Solo5 image: it has no Solo5")) {
                return new UnikernelImage(file, Backend.QEMU, Optional.empty());
            }
            throw notSolo5;
        }
        Solo5Target target = solo5.abi().target();
        Backend backend = switch (target) {
            case HVT -> Backend.SOLO5_HVT;
            case SPT -> Backend.SOLO5_SPT;
            case VIRTIO -> Backend.QEMU;
            case XEN -> Backend.XEN;
            case MUEN, GENODE -> throw new ImageRejected("the image is built for Solo5's " + target.label()
                    + " target, which this daemon cannot run; build it for hvt, spt, virtio or xen");
        };
        if (backend == Backend.QEMU && !elf32) {
            throw new ImageRejected("QEMU boots 32-bit multiboot ELF images (like the test kernel or a Solo5 virtio"
                    + " image); this virtio image is a 64-bit ELF file");
        }
        return new UnikernelImage(file, backend, Optional.of(solo5));
    }

    /** What the image is built for, in words: {@code Solo5's spt target}, or the backend of an image without notes. */
    String target() {
        return solo5.map(notes -> "Solo5's " + notes.abi().target().label() + " target")
                .orElse(backend == Backend.BHYVE ? "bhyve" : "a plain multiboot kernel");
    }

    /** The Solo5 notes of an image that is decided to run under a Solo5 backend (hvt, spt, xen). */
    Solo5Image requireSolo5() {
        return solo5.orElseThrow(() -> new IllegalStateException(backend + " image without Solo5 notes: " + file));
    }
}

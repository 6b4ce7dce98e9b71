package org.albatross.client;

import java.util.zip.Deflater;
import org.albatross.vmm.solo5.ZlibImage;
import picocli.CommandLine.Option;

/**
 * zlib compression of an image sent or fetched, as albatross's client chooses it: {@code --compression-level}, 0
 * locally and 9 remotely unless given.
 */
final class Compression {
    /** Albatross's compression level for a remote command (its client's {@code compress_default}). */
    static final int REMOTE_LEVEL = 9;

    /** An image as it is sent: its bytes, zlib-compressed or not. */
    record Packed(boolean compressed, byte[] bytes) {
    }

    @Option(names = "--compression-level", paramLabel = "0-9",
            description = "zlib level of the image (default 0 locally, " + REMOTE_LEVEL + " remotely, as albatross).")
    Integer level;

    @Option(names = "--compress", description = "Compress the image: --compression-level " + REMOTE_LEVEL + ".")
    boolean compress;

    /** The compression level for a command sent {@code remote}ly or not. */
    int level(boolean remote) {
        int chosen = level != null ? level : compress || remote ? REMOTE_LEVEL : 0;
        if (chosen < 0 || chosen > Deflater.BEST_COMPRESSION) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "the compression level must be 0 (none) to "
                    + Deflater.BEST_COMPRESSION + ", got " + chosen);
        }
        return chosen;
    }

    /** {@code image} as it is sent at {@link #level}. */
    Packed pack(byte[] image, boolean remote) {
        int chosen = level(remote);
        return chosen == 0 ? new Packed(false, image) : new Packed(true, ZlibImage.deflate(image, chosen));
    }
}

package org.albatross.client;

import java.util.List;
import java.util.zip.Deflater;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.vmm.solo5.ZlibImage;

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

    static final Arg<Integer> LEVEL = Arg.option("--compression-level").label("0-9")
            .describe("zlib level of the image (default 0 locally, " + REMOTE_LEVEL + " remotely, as albatross).")
            .of(Integer.class);
    static final Arg<Boolean> COMPRESS = Arg.option("--compress")
            .describe("Compress the image: --compression-level " + REMOTE_LEVEL + ".").flag();

    static final List<Arg<?>> OPTIONS = List.of(LEVEL, COMPRESS);

    private final Integer level;
    private final boolean compress;

    Compression(Invocation invocation) {
        level = invocation.get(LEVEL);
        compress = invocation.get(COMPRESS);
    }

    /** The compression level for a command sent {@code remote}ly or not. */
    int level(boolean remote) {
        int chosen = level != null ? level : compress || remote ? REMOTE_LEVEL : 0;
        if (chosen < 0 || chosen > Deflater.BEST_COMPRESSION) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "the compression level must be 0 (none) to "
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

package org.albatross.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.solo5.ZlibImage;

/**
 * Where {@code get} writes a unikernel's image, uncompressed. Checked before the request goes out, so that an
 * existing file is refused without fetching the image for nothing, and again when written.
 */
record ImageFile(Path path, boolean overwrite) {
    /** The largest image the client inflates, a file's or a dump's: far beyond any unikernel, small for the heap. */
    static final long MAX_IMAGE_BYTES = 1L << 30;

    /** What was written, for the output: {@code {"kind":"written","file":...,"bytes":...}} in JSON. */
    record Written(String file, long bytes) {
        String text() {
            return "wrote " + bytes + " bytes to " + file;
        }
    }

    static ImageFile of(Name unikernel, Path given, boolean overwrite) {
        Path path = given != null ? given : Path.of(unikernel.label().orElseThrow(() -> new ClientFailure(
                ExitCode.CLI_FAILED, "get needs a unikernel's name, not the path \"" + unikernel + "\""))
                + ".img");
        if (!overwrite && Files.exists(path)) {
            throw exists(path);
        }
        return new ImageFile(path, overwrite);
    }

    /** Writes the image of {@code reply}, inflated when the daemon sent it compressed. */
    Written write(Success reply) {
        byte[] bytes = imageOf(reply);
        try {
            if (overwrite) {
                Files.write(path, bytes);
            } else {
                Files.write(path, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw exists(path);
        } catch (IOException e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "cannot write the image to " + path + ": " + e.getMessage(),
                    e);
        }
        return new Written(path.toString(), bytes.length);
    }

    /** The image a {@code get} was answered with, inflated when the daemon sent it compressed. */
    static byte[] imageOf(Success reply) {
        if (!(reply instanceof Success.UnikernelImage image)) {
            throw new ClientFailure(ExitCode.COMMUNICATION_FAILED, "expected the unikernel's image, got "
                    + reply.getClass().getSimpleName());
        }
        return image.compressed() ? inflate(image.image().toByteArray()) : image.image().toByteArray();
    }

    private static byte[] inflate(byte[] compressed) {
        try {
            return ZlibImage.inflate(compressed, MAX_IMAGE_BYTES);
        } catch (ImageRejected e) {
            throw new ClientFailure(ExitCode.COMMUNICATION_FAILED, "the daemon's image: " + e.getMessage(), e);
        }
    }

    private static ClientFailure exists(Path path) {
        return new ClientFailure(ExitCode.CLI_FAILED, path + " exists; pass --force to overwrite it");
    }
}

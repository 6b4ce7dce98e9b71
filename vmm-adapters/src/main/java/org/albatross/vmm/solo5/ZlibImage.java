package org.albatross.vmm.solo5;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import org.albatross.vmm.ImageRejected;

/**
 * Albatross sends images zlib-compressed on request: this compresses one, and inflates one without letting it grow
 * unbounded. The one place for both, used by the daemon (get) and the client (create).
 */
public final class ZlibImage {
    private ZlibImage() {
    }

    /** {@code image} zlib-compressed at {@code level} (1 to 9; higher levels are taken as 9). */
    public static byte[] deflate(byte[] image, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length / 2 + 64);
        Deflater deflater = new Deflater(Math.min(level, Deflater.BEST_COMPRESSION));
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out, deflater)) {
            zlib.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** The inflated image, refused as soon as it would exceed {@code maxBytes}. */
    public static byte[] inflate(byte[] compressed, long maxBytes) throws ImageRejected {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream image = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int produced = inflater.inflate(chunk);
                if (produced == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ImageRejected("broken compressed image: the zlib stream ends after "
                            + image.size() + " bytes without its end marker");
                }
                if (image.size() + (long) produced > maxBytes) {
                    throw new ImageRejected("compressed image inflates to more than the limit of " + maxBytes
                            + " bytes; raise the image size limit or send a smaller image");
                }
                image.write(chunk, 0, produced);
            }
            return image.toByteArray();
        } catch (DataFormatException e) {
            throw new ImageRejected("broken compressed image: not a zlib stream (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }
}

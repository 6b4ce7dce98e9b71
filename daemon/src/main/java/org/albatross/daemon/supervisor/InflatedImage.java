package org.albatross.daemon.supervisor;

import org.albatross.daemon.dispatch.CommandFailed;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.solo5.ZlibImage;

/** A config's image as it runs: inflated when it came zlib-compressed, never beyond a size cap. */
final class InflatedImage {
    private InflatedImage() {
    }

    static byte[] of(UnikernelConfig config, long maxBytes) throws CommandFailed {
        byte[] image = config.image().toByteArray();
        if (!config.compressed()) {
            return image;
        }
        try {
            return ZlibImage.inflate(image, maxBytes);
        } catch (ImageRejected e) {
            throw new CommandFailed("failed to uncompress: " + e.getMessage());
        }
    }
}

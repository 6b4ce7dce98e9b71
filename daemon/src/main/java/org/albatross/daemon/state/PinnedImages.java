package org.albatross.daemon.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.IncomingFile;
import org.albatross.daemon.store.StoredImage;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelConfig;

/**
 * The images of a state that holds them inline (an earlier daemon's, albatross's), put in the image store one at a
 * time as the state is read, each inflated when its config says so and capped, and kept pinned until the state that
 * refers to them is saved: {@link #close} lets go of them.
 */
final class PinnedImages implements StateWithImages.ImageSink, AutoCloseable {
    private final ImageStore images;
    private final long maxImageBytes;
    private final List<StoredImage> pinned = new ArrayList<>();

    PinnedImages(ImageStore images, long maxImageBytes) {
        this.images = images;
        this.maxImageBytes = maxImageBytes;
    }

    @Override
    public Octets store(Name name, UnikernelConfig config) throws IOException, DaemonStateCodec.UnreadableState {
        try (ImageStore.Intake intake = images.receive(config.compressed(), maxImageBytes,
                "the image is larger than the largest image the daemon takes (" + maxImageBytes + " bytes)")) {
            intake.write(config.image());
            StoredImage image = intake.store();
            pinned.add(image);
            return image.digest();
        } catch (IncomingFile.Refused e) {
            throw new DaemonStateCodec.UnreadableState("the image of " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        pinned.forEach(images::release);
        pinned.clear();
    }
}

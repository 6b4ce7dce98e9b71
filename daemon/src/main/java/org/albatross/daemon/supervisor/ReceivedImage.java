package org.albatross.daemon.supervisor;

import java.util.Objects;
import org.albatross.daemon.store.StoredImage;
import org.albatross.vmm.UnikernelImage;

/**
 * A create's image once it is in the image store (pinned there until the create is done with it) and decided: the
 * value that travels with the create instead of the image's bytes.
 */
public record ReceivedImage(StoredImage stored, UnikernelImage decided) {
    public ReceivedImage {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(decided, "decided");
    }
}

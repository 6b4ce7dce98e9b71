package org.albatross.daemon.state;

import java.util.Objects;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelType;

/**
 * What a unikernel runs, as the daemon keeps it once the create's image is in the image store: its type, the SHA-256
 * of its image (inflated; albatross's digest too) and how to run it. Small, whatever the image's size.
 */
public record UnikernelSpec(UnikernelType typ, Octets imageDigest, UnikernelArguments arguments) {
    public UnikernelSpec {
        Objects.requireNonNull(typ, "typ");
        Objects.requireNonNull(imageDigest, "imageDigest");
        Objects.requireNonNull(arguments, "arguments");
    }

    /** This unikernel with other run arguments (a restart that replaces them, a restart without the name). */
    public UnikernelSpec withArguments(UnikernelArguments replaced) {
        return new UnikernelSpec(typ, imageDigest, replaced);
    }
}

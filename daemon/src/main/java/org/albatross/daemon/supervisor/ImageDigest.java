package org.albatross.daemon.supervisor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelConfig;

/** The SHA-256 of a unikernel's image as its config holds it, which {@code info} and the event log report. */
final class ImageDigest {
    private ImageDigest() {
    }

    static Octets of(UnikernelConfig config) {
        try {
            return Octets.of(MessageDigest.getInstance("SHA-256").digest(config.image().toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package org.albatross.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.albatross.protocol.Octets;

/** The SHA-256 of an image as it runs (inflated): what the daemon's {@code info} and albatross report as its digest. */
final class ImageDigest {
    private ImageDigest() {
    }

    static Octets of(byte[] image) {
        try {
            return Octets.of(MessageDigest.getInstance("SHA-256").digest(image));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

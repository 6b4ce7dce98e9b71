package org.albatross.daemon.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.albatross.protocol.Octets;

/** The JDK's SHA-256: where libcrypto's is not found ({@link Sha256}). */
final class JdkSha256 implements Sha256 {
    private final MessageDigest digest;

    JdkSha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void update(ByteBuffer bytes) {
        digest.update(bytes);
    }

    @Override
    public Octets finish() {
        return Octets.of(digest.digest());
    }
}

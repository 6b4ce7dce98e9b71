package org.albatross.daemon.store;

import java.nio.ByteBuffer;
import org.albatross.protocol.Octets;

/**
 * A SHA-256 computed over bytes as they come: by OpenSSL's libcrypto where the daemon's native library finds it
 * ({@link OpenSslSha256}), else by the JDK. The digest is the same either way; libcrypto's is ten times faster in a
 * daemon that runs C1 only, which has no intrinsic for it. Used by one thread at a time.
 */
interface Sha256 {
    /** Adds the bytes from {@code bytes}' position to its limit, and moves its position to its limit. */
    void update(ByteBuffer bytes);

    /** The SHA-256 of all bytes added; this digest is used up. */
    Octets finish();

    /** A new digest, of no bytes yet. */
    static Sha256 start() {
        return OpenSslSha256.LINKED ? new OpenSslSha256() : new JdkSha256();
    }

    /** The SHA-256 of the bytes from {@code bytes}' position to its limit, which it leaves where they are. */
    static Octets of(ByteBuffer bytes) {
        Sha256 digest = start();
        digest.update(bytes.duplicate());
        return digest.finish();
    }
}

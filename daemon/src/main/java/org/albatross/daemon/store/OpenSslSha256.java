package org.albatross.daemon.store;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.albatross.protocol.Octets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSSL's SHA-256, through the daemon's native library {@code libalbatross-sha256} (daemon/src/main/sha256/), which
 * opens libcrypto at run time: found in {@code java.library.path} (the distribution's lib/native), else as this
 * module's resource when it is a file (a daemon run from the build's classes). Looked for once, at the first digest,
 * so that a daemon that has hashed no image has neither library loaded. The digest's context is a byte array of this
 * object's, which each native call copies in and out: nothing native is allocated.
 */
final class OpenSslSha256 implements Sha256 {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSslSha256.class);
    private static final String LIBRARY = "albatross-sha256";
    /** The most one native call digests: it holds off the collector while it reads the array in place. */
    private static final int SLICE = 256 * 1024;
    private static final int DIGEST_BYTES = 32;

    /** Whether both libraries were found, and libcrypto has the functions. */
    static final boolean LINKED = load();

    private final byte[] context = new byte[contextSize()];
    /** Where bytes without an accessible array (a read-only buffer) are copied through; made at the first. */
    private byte[] slice;

    OpenSslSha256() {
        check(start(context), "SHA256_Init");
    }

    @Override
    public void update(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            if (bytes.hasArray()) {
                int length = Math.min(bytes.remaining(), SLICE);
                check(update(context, bytes.array(), bytes.arrayOffset() + bytes.position(), length), "SHA256_Update");
                bytes.position(bytes.position() + length);
            } else {
                if (slice == null) {
                    slice = new byte[Math.min(bytes.remaining(), SLICE)];
                }
                int length = Math.min(bytes.remaining(), slice.length);
                bytes.get(slice, 0, length);
                check(update(context, slice, 0, length), "SHA256_Update");
            }
        }
    }

    @Override
    public Octets finish() {
        byte[] digest = new byte[DIGEST_BYTES];
        check(finish(context, digest), "SHA256_Final");
        return Octets.of(digest);
    }

    /** libcrypto's digest functions return 1 but for a context they were not given: never here. */
    private static void check(boolean done, String function) {
        if (!done) {
            throw new IllegalStateException("libcrypto's " + function + " failed");
        }
    }

    private static boolean load() {
        try {
            System.loadLibrary(LIBRARY);
        } catch (UnsatisfiedLinkError notInstalled) {
            URL resource = OpenSslSha256.class.getResource(System.mapLibraryName(LIBRARY));
            if (resource == null || !"file".equals(resource.getProtocol())) {
                LOG.info("images are hashed by the JDK, some ten times slower than by libcrypto: {} is not in {}",
                        System.mapLibraryName(LIBRARY), System.getProperty("java.library.path"));
                return false;
            }
            try {
                System.load(Path.of(resource.toURI()).toString());
            } catch (UnsatisfiedLinkError | URISyntaxException e) {
                LOG.info("images are hashed by the JDK, some ten times slower than by libcrypto: {}", e.getMessage());
                return false;
            }
        }
        if (!linked()) {
            LOG.info("images are hashed by the JDK, some ten times slower: this host has no libcrypto with SHA-256");
            return false;
        }
        LOG.debug("images are hashed by libcrypto");
        return true;
    }

    private static native boolean linked();

    private static native int contextSize();

    private static native boolean start(byte[] context);

    private static native boolean update(byte[] context, byte[] bytes, int offset, int length);

    private static native boolean finish(byte[] context, byte[] digest);
}

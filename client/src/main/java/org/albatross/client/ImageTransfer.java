package org.albatross.client;

import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;

/**
 * Where a create's image travels: inside the command (on the Unix socket, or in the command certificate as
 * albatross's client always sends it), or streamed after the command as frames ended by an empty one. Remotely the
 * certificate is used while the image is small enough for every TLS stack's handshake limit.
 */
final class ImageTransfer {
    /**
     * The largest (compressed) image carried in the command certificate unless forced. The client's whole chain
     * travels in one TLS handshake message, which the JDK caps at 32 KiB ({@code jdk.tls.maxHandshakeMessageSize});
     * 16 KiB leaves room for the chain's other certificates.
     */
    static final int CERTIFICATE_LIMIT = 16 * 1024;

    /** Where the image goes: decided by size, or forced. */
    enum Via {
        AUTO, CERTIFICATE, STREAM
    }

    static final Arg<Via> VIA = Arg.option("--image-via").label("auto|certificate|stream").defaultValue("auto")
            .describe("The image inside the command (the certificate, remotely) or streamed after it (default"
                    + " ${DEFAULT-VALUE}: streamed only remotely and above " + CERTIFICATE_LIMIT / 1024
                    + " KiB once compressed).")
            .of(Via.class);

    private final Via via;

    ImageTransfer(Invocation invocation) {
        via = invocation.get(VIA);
    }

    /** Whether an image of {@code bytes} (as sent) follows the command as a stream instead of travelling in it. */
    boolean streamed(int bytes, boolean remote) {
        return switch (via) {
            case STREAM -> true;
            case CERTIFICATE -> false;
            case AUTO -> remote && bytes > CERTIFICATE_LIMIT;
        };
    }
}

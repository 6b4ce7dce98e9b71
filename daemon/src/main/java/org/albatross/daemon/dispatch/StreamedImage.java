package org.albatross.daemon.dispatch;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Payload;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.netty.FrameDecoder;

/**
 * The image of a remote create, streamed after the handshake because it did not fit in the certificate. It is held
 * in memory up to the size one message may have, so a streamed image is capped as one sent inline would be; the
 * unikernel is created once the stream ends.
 */
final class StreamedImage implements InboundStream {
    static final int MAX_BYTES = FrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

    private final UnikernelConfig config;
    private final Function<UnikernelConfig, CompletableFuture<Reply>> create;
    private final ByteArrayOutputStream image = new ByteArrayOutputStream();
    private boolean tooLarge;

    StreamedImage(UnikernelConfig config, Function<UnikernelConfig, CompletableFuture<Reply>> create) {
        this.config = config;
        this.create = create;
    }

    @Override
    public boolean accept(byte[] chunk) {
        tooLarge |= image.size() + (long) chunk.length > MAX_BYTES;
        if (!tooLarge) {
            image.writeBytes(chunk);
        }
        return true;
    }

    @Override
    public CompletableFuture<Payload> end() {
        if (tooLarge) {
            return CompletableFuture.completedFuture(new Failure("the streamed image is larger than " + MAX_BYTES
                    + " bytes, the most a unikernel image may have"));
        }
        if (image.size() == 0) {
            return CompletableFuture.completedFuture(new Failure("the create carried no image and none was streamed"));
        }
        return create.apply(config.withImage(Octets.of(image.toByteArray()))).thenApply(Reply::answer);
    }

    @Override
    public void abort() {
        image.reset();
    }
}

package org.albatross.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import org.albatross.protocol.ProtocolError;

/**
 * Jazzer fuzz test of the framing pipeline: whatever arrives, the handlers emit frames, messages or end-of-stream
 * markers, or fail with a {@link ProtocolError}. Seeds: FrameDecoderFuzzTestInputs/ (written by {@code SeedCorpus}).
 */
class FrameDecoderFuzzTest {
    private static final int CAP = 4096;

    @FuzzTest(maxDuration = "60s")
    void framingRaisesOnlyProtocolError(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(CAP), new WireMessageCodec());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(input));
        } catch (DecoderException refused) {
            assertThat(refused).cause().isInstanceOf(ProtocolError.class);
        }
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            ReferenceCountUtil.release(message);
        }
        channel.finishAndReleaseAll();
    }
}

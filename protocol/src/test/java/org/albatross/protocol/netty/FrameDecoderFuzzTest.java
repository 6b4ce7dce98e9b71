package org.albatross.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.testing.InputTimeLimit;

/**
 * Jazzer fuzz test of the framing pipeline: whatever arrives, the handlers emit frames, messages or end-of-stream
 * markers, and every error they raise is a {@link ProtocolError}. Seeds: FrameDecoderFuzzTestInputs/ (written by
 * {@code SeedCorpus}). The verify build fuzzes it for 100,000 inputs (docs/fuzzing.md).
 */
class FrameDecoderFuzzTest {
    private static final int CAP = 4096;

    @FuzzTest(maxDuration = "60s")
    void framingRaisesOnlyProtocolError(byte[] input) throws Exception {
        InputTimeLimit.check(() -> frame(input));
    }

    private static void frame(byte[] input) {
        ErrorCollector errors = new ErrorCollector();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(CAP), new WireMessageCodec(), errors);

        channel.writeInbound(Unpooled.wrappedBuffer(input));
        channel.finishAndReleaseAll();

        assertThat(errors.errors).allSatisfy(error ->
                assertThat(error).isInstanceOf(DecoderException.class).cause().isInstanceOf(ProtocolError.class));
    }

    /** The last handler: drops messages and keeps every error, where the daemon would close the connection. */
    private static final class ErrorCollector extends ChannelInboundHandlerAdapter {
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ReferenceCountUtil.release(message);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            errors.add(cause);
        }
    }
}

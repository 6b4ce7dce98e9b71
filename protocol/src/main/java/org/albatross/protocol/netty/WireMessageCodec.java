package org.albatross.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/**
 * Frames to {@link Wire} messages and back, between {@link FrameDecoder}/{@link FrameEncoder} and the business
 * handler. A frame that is not a valid message raises {@link org.albatross.protocol.ProtocolError} (wrapped by
 * Netty in a {@code DecoderException}); {@link EndOfStream} passes through. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class WireMessageCodec extends MessageToMessageCodec<ByteBuf, Wire> {
    /** Its name in a pipeline. */
    public static final String NAME = "wire-codec";

    @Override
    protected void encode(ChannelHandlerContext context, Wire wire, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(WireCodec.encode(wire)));
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf frame, List<Object> out) {
        // In place: the frame (an 80 KB image, say) is not copied to the heap first, only what the message keeps.
        out.add(WireCodec.decode(frame.nioBuffer()));
    }
}

package org.albatross.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Prefixes each outgoing frame with its 4-byte big-endian length; {@link EndOfStream} is written as a zero-length
 * frame. Stateless, so one instance can serve every channel.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Object> {
    /** Its name in a pipeline, the daemon's endpoints' and the client's alike. */
    public static final String NAME = "frame-encoder";

    @Override
    public boolean acceptOutboundMessage(Object message) {
        return message instanceof ByteBuf || message instanceof EndOfStream;
    }

    @Override
    protected void encode(ChannelHandlerContext context, Object message, ByteBuf out) {
        if (message instanceof ByteBuf frame) {
            out.writeInt(frame.readableBytes());
            out.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
        } else {
            out.writeInt(0);
        }
    }
}

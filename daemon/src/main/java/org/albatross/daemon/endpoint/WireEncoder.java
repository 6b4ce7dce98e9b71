package org.albatross.daemon.endpoint;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/**
 * Replies to frames, without decoding what comes in: takes the wire codec's place while the client streams raw
 * chunks after its command (block set), which are not messages.
 */
@ChannelHandler.Sharable
public final class WireEncoder extends MessageToMessageEncoder<Wire> {
    public static final WireEncoder INSTANCE = new WireEncoder();

    @Override
    protected void encode(ChannelHandlerContext context, Wire wire, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(WireCodec.encode(wire)));
    }
}

package org.albatross.daemon.endpoint.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.albatross.protocol.ProtocolError;

/**
 * Sits right behind the frame decoder: a frame above the cap is a refusal of the peer (logged, counted, an event),
 * and the connection is closed. Other failures go on down the pipeline.
 */
@ChannelHandler.Sharable
final class FrameCapGuard extends ChannelInboundHandlerAdapter {
    private final Refusals refusals;

    FrameCapGuard(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // TLS failures are decoder exceptions too, from the stage before; the frame decoder's carry a ProtocolError.
        if (!(cause instanceof DecoderException && cause.getCause() instanceof ProtocolError)) {
            context.fireExceptionCaught(cause);
            return;
        }
        refusals.refuse(Refusal.FRAME_TOO_LARGE, IdentityHandler.caller(context.channel()), context.channel(),
                cause.getCause().getMessage());
        context.close();
    }
}

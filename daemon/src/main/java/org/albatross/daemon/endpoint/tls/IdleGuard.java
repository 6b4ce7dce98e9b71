package org.albatross.daemon.endpoint.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.albatross.config.DaemonConfig;

/** Closes a connection the idle-timeout stage found idle, as a refusal of its peer. */
@ChannelHandler.Sharable
final class IdleGuard extends ChannelInboundHandlerAdapter {
    private final Refusals refusals;
    private final String limit;

    IdleGuard(DaemonConfig.TlsLimits limits, Refusals refusals) {
        this.refusals = refusals;
        this.limit = "nothing sent or received for " + limits.idleTimeout();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent) {
            refusals.refuse(Refusal.IDLE, IdentityHandler.caller(context.channel()), context.channel(),
                    limit);
            context.close();
        } else {
            context.fireUserEventTriggered(event);
        }
    }
}

package org.albatross.daemon.endpoint.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.dispatch.Caller;

/**
 * The first stage of every remote connection: admits it, before any TLS work, within the {@link ConnectionBudget}
 * (refusing it, or closing the handshake it displaces), and tells the budget when its handshake succeeds. Shared by
 * all connections of an endpoint.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private final ConnectionBudget<Channel> budget;
    private final Refusals refusals;

    ConnectionLimiter(DaemonConfig.TlsLimits limits, Refusals refusals) {
        this.budget = new ConnectionBudget<>(limits);
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        Channel channel = context.channel();
        ConnectionBudget.Admission<Channel> admission = budget.admit(channel,
                ((InetSocketAddress) channel.remoteAddress()).getAddress());
        if (admission instanceof ConnectionBudget.Refused<Channel> refused) {
            refuse(channel, refused.refusal(), refused.detail());
            return;
        }
        ((ConnectionBudget.Admitted<Channel>) admission).displaced().ifPresent(displaced ->
                refuse(displaced.connection(), Refusal.TOO_MANY_HANDSHAKES, displaced.detail()));
        context.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                budget.handshakeDone(channel);
            }
        });
        context.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        budget.closed(context.channel());
        context.fireChannelInactive();
    }

    private void refuse(Channel channel, Refusal refusal, String detail) {
        refusals.refuse(refusal, Caller.UNIDENTIFIED, channel, detail);
        channel.close();
    }
}

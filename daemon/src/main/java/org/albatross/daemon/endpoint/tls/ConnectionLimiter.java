package org.albatross.daemon.endpoint.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.dispatch.Caller;

/**
 * The first stage of every remote connection: refuses it, before any TLS work, when too many are open overall or
 * from its address. Shared by all connections of an endpoint.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf(ConnectionLimiter.class, "counted");

    private final int maxConnections;
    private final int maxPerAddress;
    private final Refusals refusals;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> openByAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(DaemonConfig.TlsLimits limits, Refusals refusals) {
        this.maxConnections = limits.maxConnections();
        this.maxPerAddress = limits.maxConnectionsPerAddress();
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        InetAddress address = ((InetSocketAddress) context.channel().remoteAddress()).getAddress();
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refuse(context, Refusal.TOO_MANY_CONNECTIONS, "at most " + maxConnections + " at once");
            return;
        }
        if (openByAddress.computeIfAbsent(address, any -> new AtomicInteger()).incrementAndGet() > maxPerAddress) {
            release(address);
            refuse(context, Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS, "at most " + maxPerAddress + " from "
                    + address.getHostAddress());
            return;
        }
        context.channel().attr(COUNTED).set(address);
        context.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        InetAddress address = context.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            release(address);
        }
        context.fireChannelInactive();
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        openByAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    private void refuse(ChannelHandlerContext context, Refusal refusal, String detail) {
        refusals.refuse(refusal, Caller.UNIDENTIFIED, context.channel(), detail);
        context.close();
    }
}

package org.albatross.client.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;

/**
 * The client's pipeline to the TLS endpoint, built from the daemon's own framing handlers: TLS, 4-byte length
 * framing, then the queue the caller reads frames from. Stages are named so they can be found and replaced.
 */
final class RemotePipeline extends ChannelInitializer<Channel> {
    static final String TLS = "tls";
    static final String INBOUND_QUEUE = "inbound-queue";

    private static final FrameEncoder FRAME_ENCODER_INSTANCE = new FrameEncoder();

    private final SslContext context;
    private final InetSocketAddress daemon;
    private final Duration handshakeTimeout;
    private final InboundQueue inbound;

    RemotePipeline(SslContext context, InetSocketAddress daemon, Duration handshakeTimeout, InboundQueue inbound) {
        this.context = context;
        this.daemon = daemon;
        this.handshakeTimeout = handshakeTimeout;
        this.inbound = inbound;
    }

    @Override
    protected void initChannel(Channel channel) {
        SslHandler tls = context.newHandler(channel.alloc(), daemon.getHostString(), daemon.getPort());
        tls.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        channel.pipeline()
                .addLast(TLS, tls)
                .addLast(FrameDecoder.NAME, new FrameDecoder())
                .addLast(FrameEncoder.NAME, FRAME_ENCODER_INSTANCE)
                .addLast(INBOUND_QUEUE, inbound);
    }
}

package org.albatross.client.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the daemon's TLS endpoint: a Netty channel whose pipeline ({@link RemotePipeline}) does TLS and
 * the framing, and queues what arrives for the caller's thread.
 */
final class TlsConnection implements Connection {
    private final String peer;
    private final Channel channel;
    private final EventLoopGroup group;
    private final BlockingQueue<Inbound> inbound;

    TlsConnection(String peer, Channel channel, EventLoopGroup group, BlockingQueue<Inbound> inbound) {
        this.peer = peer;
        this.channel = channel;
        this.group = group;
        this.inbound = inbound;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public void send(byte[] body, Duration within) throws IOException {
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(body));
        if (!written.awaitUninterruptibly(within.toMillis())) {
            throw new InterruptedByTimeoutException();
        }
        if (!written.isSuccess()) {
            throw new IOException(written.cause().getMessage(), written.cause());
        }
    }

    @Override
    public Inbound next(Duration wait) throws InterruptedException {
        return inbound.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close(Duration within) {
        channel.close().awaitUninterruptibly(within.toMillis());
        group.shutdownGracefully(0, within.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(within.toMillis());
    }
}

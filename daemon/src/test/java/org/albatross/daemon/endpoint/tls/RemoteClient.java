package org.albatross.daemon.endpoint.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.albatross.policy.provision.Credential;
import org.albatross.protocol.Wire;
import org.albatross.protocol.netty.EndOfStream;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;
import org.albatross.protocol.netty.WireMessageCodec;
import org.awaitility.Awaitility;

/** A small albatross TLS client for the tests: connects with a chain and collects the replies. */
final class RemoteClient implements AutoCloseable {
    /** Far more than a reply or a close takes, even on a loaded machine: a deadline costs only when a test fails. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();

    /** A client context presenting {@code credential} (none: no client certificate) over {@code protocol}. */
    static SslContext context(SslProvider provider, Optional<Credential> credential, X509Certificate root,
            String protocol) throws SSLException {
        // albatross's client checks the daemon's chain, not its host name.
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider).protocols(protocol)
                .trustManager(root).endpointIdentificationAlgorithm(null);
        credential.ifPresent(leaf -> builder.keyManager(leaf.key(), leaf.chain()));
        return builder.build();
    }

    static SslContext context(SslProvider provider, Credential credential, X509Certificate root) throws SSLException {
        return context(provider, Optional.of(credential), root, "TLSv1.3");
    }

    /** A TLS connection whose replies are collected. */
    Connection open(InetSocketAddress address, SslContext ssl) {
        return open(address, Optional.of(ssl));
    }

    /** A TCP connection that never starts a TLS handshake. */
    Channel openPlain(InetSocketAddress address) {
        return openPlain(address, "127.0.0.1");
    }

    /** A TCP connection from the loopback address {@code from} that never starts a TLS handshake. */
    Channel openPlain(InetSocketAddress address, String from) {
        return open(address, Optional.empty(), from).channel;
    }

    private Connection open(InetSocketAddress address, Optional<SslContext> ssl) {
        return open(address, ssl, "127.0.0.1");
    }

    private Connection open(InetSocketAddress address, Optional<SslContext> ssl, String from) {
        BlockingQueue<Wire> replies = new LinkedBlockingQueue<>();
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .localAddress(new InetSocketAddress(from, 0))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ssl.ifPresent(context -> channel.pipeline().addLast(context.newHandler(channel.alloc())));
                        channel.pipeline().addLast(new FrameDecoder(), new FrameEncoder(), new WireMessageCodec(),
                                new SimpleChannelInboundHandler<Wire>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext context, Wire wire) {
                                        replies.add(wire);
                                    }
                                });
                    }
                }).connect(address).syncUninterruptibly().channel();
        channels.add(channel);
        return new Connection(channel, replies);
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection to the endpoint. */
    record Connection(Channel channel, BlockingQueue<Wire> replies) {
        Wire reply() throws InterruptedException {
            Wire reply = replies.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(reply).as("a reply within " + PATIENCE).isNotNull();
            return reply;
        }

        /** Streams {@code data} in frames of {@code chunk} bytes, then the empty frame that ends it. */
        void stream(byte[] data, int chunk) {
            for (int at = 0; at < data.length; at += chunk) {
                channel.write(Unpooled.wrappedBuffer(data, at, Math.min(chunk, data.length - at)));
            }
            channel.writeAndFlush(EndOfStream.INSTANCE);
        }

        void awaitClosed() {
            Awaitility.await().atMost(PATIENCE).until(() -> !channel.isActive());
        }
    }
}

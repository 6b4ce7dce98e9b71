package org.albatross.it;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.protocol.Command;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Wire;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.WireMessageCodec;

/**
 * A remote client as albatross-client is one, in process and cheap enough for hundreds at once: each command is a
 * new TLS 1.3 connection presenting a fresh leaf that carries the command, signed by the tenant's CA.
 */
final class TlsClient implements AutoCloseable {
    private static final KeyType KEYS = KeyType.P256;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final InetSocketAddress daemon;
    private final X509Certificate root;
    private final Duration patience;
    private final Semaphore issuing = new Semaphore(2);

    /**
     * @param root the CA the daemon's certificate must lead to
     * @param patience how long to wait for a connection or a reply
     */
    TlsClient(InetSocketAddress daemon, X509Certificate root, Duration patience) {
        this.daemon = daemon;
        this.root = root;
        this.patience = patience;
    }

    /** Sends {@code command} as {@code label} of {@code tenant} and returns the first reply; the connection closes. */
    Payload send(CertificateAuthority tenant, String label, Command command) throws IOException {
        Connection connection = open(tenant, label, command);
        try {
            return connection.reply();
        } finally {
            connection.channel.close();
        }
    }

    /** A connection whose handshake has carried {@code command}; its first reply is awaited by the caller. */
    Connection open(CertificateAuthority tenant, String label, Command command) throws IOException {
        Credential leaf = issue(tenant, label, command);
        SslContext ssl;
        try {
            // albatross's client checks the daemon's chain, not its host name.
            ssl = SslContextBuilder.forClient().protocols("TLSv1.3").trustManager(root)
                    .endpointIdentificationAlgorithm(null).keyManager(leaf.key(), leaf.chain()).build();
        } catch (SSLException e) {
            throw new IOException("cannot build the client's TLS context: " + e.getMessage(), e);
        }
        CompletableFuture<Payload> reply = new CompletableFuture<>();
        ChannelFuture connected = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(ssl.newHandler(channel.alloc()), new FrameDecoder(),
                                new WireMessageCodec(), new SimpleChannelInboundHandler<Wire>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext context, Wire wire) {
                                        reply.complete(wire.payload());
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
                                        reply.completeExceptionally(cause);
                                        context.close();
                                    }
                                });
                    }
                }).connect(daemon);
        if (!connected.awaitUninterruptibly(patience.toMillis(), TimeUnit.MILLISECONDS) || !connected.isSuccess()) {
            connected.channel().close();
            throw new IOException("cannot connect to " + daemon + " within " + patience, connected.cause());
        }
        return new Connection(connected.channel(), reply);
    }

    /**
     * A fresh leaf. Key generation and signing are the client's heaviest work: a few at a time, so that hundreds of
     * clients do not starve the event loops that carry their handshakes.
     */
    private Credential issue(CertificateAuthority tenant, String label, Command command) throws IOException {
        try {
            issuing.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to issue a leaf", e);
        }
        try {
            return tenant.issueCommand(label, command, KEYS);
        } finally {
            issuing.release();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection to the daemon and its first reply. */
    final class Connection {
        private final Channel channel;
        private final CompletableFuture<Payload> reply;

        private Connection(Channel channel, CompletableFuture<Payload> reply) {
            this.channel = channel;
            this.reply = reply;
            channel.closeFuture().addListener(closed -> reply.completeExceptionally(
                    new IOException("the daemon closed the connection before it replied")));
        }

        Payload reply() throws IOException {
            try {
                return reply.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("no reply within " + patience, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a reply", e);
            }
        }

        /** Sends raw bytes inside the TLS session, below the framing: e.g. the start of a frame that never ends. */
        void sendRaw(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }

        /** Whether the connection was closed, by either side. */
        boolean isClosed() {
            return !channel.isOpen();
        }
    }
}

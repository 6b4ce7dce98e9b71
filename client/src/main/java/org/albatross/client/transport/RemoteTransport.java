package org.albatross.client.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.albatross.policy.provision.Credential;

/**
 * Connects to albatrossd's mutual-TLS endpoint as albatross's client does: TLS 1.3 only, presenting the command
 * certificate followed by the CAs above it (not the root), verifying the daemon against the given CA. The command
 * travels in the certificate, so once the handshake is done the daemon speaks first.
 */
public final class RemoteTransport {
    /** Albatross's default port for the TLS endpoint. */
    public static final int DEFAULT_PORT = 1025;

    private RemoteTransport() {
    }

    /**
     * Opens a connection and completes the handshake; {@code timeout} bounds the connect, the handshake and, later,
     * each write and each wait for a message.
     *
     * @throws TransportError when no connection can be made or either side refuses the other's certificate
     */
    public static Session connect(InetSocketAddress daemon, Credential client, List<X509Certificate> trusted,
            Duration timeout) {
        SslContext context = context(client, trusted);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("albatross-remote-transport", true), NioIoHandler.newFactory());
        InboundQueue inbound = new InboundQueue();
        String peer = daemon.getHostString() + ":" + daemon.getPort();
        ChannelFuture connected = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new RemotePipeline(context, daemon, timeout, inbound))
                .connect(daemon)
                .awaitUninterruptibly();
        if (!connected.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new TransportError(TransportError.Reason.CONNECTION_FAILED,
                    "cannot connect to " + peer + ": " + connected.cause().getMessage() + " - is albatrossd's TLS"
                            + " endpoint listening there?", connected.cause());
        }
        SslHandler tls = connected.channel().pipeline().get(SslHandler.class);
        if (tls == null) {
            // The channel is closed and its pipeline emptied already: the daemon closed the connection at once.
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new TransportError(TransportError.Reason.CONNECTION_FAILED, "the daemon at " + peer + " closed the"
                    + " connection before the TLS handshake began - it may hold as many connections as it takes; try"
                    + " again");
        }
        Future<Channel> handshake = tls.handshakeFuture().awaitUninterruptibly();
        if (!handshake.isSuccess()) {
            connected.channel().close();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw handshakeFailed(peer, handshake.cause());
        }
        return new Session(new TlsConnection(peer, connected.channel(), group, inbound.queue()), timeout);
    }

    static SslContext context(Credential client, List<X509Certificate> trusted) {
        try {
            return SslContextBuilder.forClient()
                    // the JDK provider signs with every key type the client offers, ed25519 included
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3")
                    .keyManager(client.key(), client.chain().toArray(X509Certificate[]::new))
                    .trustManager(trusted)
                    // as albatross: the daemon is trusted by the CA alone, its certificate need not name the host
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (SSLException e) {
            throw new TransportError(TransportError.Reason.CONNECTION_FAILED,
                    "cannot set up TLS with the command certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A refused handshake, told apart as albatross's client does: an alert from the daemon means it refused our
     * chain, a certificate failure on our side means the daemon's chain did not verify.
     */
    private static TransportError handshakeFailed(String peer, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return new TransportError(TransportError.Reason.REMOTE_AUTHENTICATION_FAILED, "the daemon at " + peer
                        + " presented a certificate that does not verify against --server-ca: " + cause.getMessage(),
                        failure);
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (message.contains("alert")) {
            return new TransportError(TransportError.Reason.LOCAL_AUTHENTICATION_FAILED, "the daemon at " + peer
                    + " refused this client's certificate chain (" + message + ") - is the tenant CA revoked, expired"
                    + " or not signed by the daemon's root?", failure);
        }
        return new TransportError(TransportError.Reason.COMMUNICATION_FAILED,
                "the TLS handshake with " + peer + " failed: " + message, failure);
    }
}

package org.albatross.daemon.endpoint.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.endpoint.HeapBuffers;
import org.albatross.daemon.endpoint.activation.PassedSocket;
import org.albatross.daemon.supervisor.EventSink;
import org.albatross.policy.provision.KeyFileMode;
import org.albatross.policy.provision.Pem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote endpoint: mutual TLS 1.3 on a TCP port, every client chain verified to the configured root CA. The
 * revocation list is read at start, again on {@link #reloadRevocations} (SIGHUP) and when its file has changed
 * ({@link RevocationListFile}); a chain read after that sees the new list.
 */
public final class TlsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsEndpoint.class);
    private static final String TLS_1_3 = "TLSv1.3";

    private final EventLoopGroup group;
    private final Channel channel;
    private final RevocationListFile revocations;
    private final Refusals refusals;
    private final EventHandOff events;

    private TlsEndpoint(EventLoopGroup group, Channel channel, RevocationListFile revocations, Refusals refusals,
            EventHandOff events) {
        this.group = group;
        this.channel = channel;
        this.revocations = revocations;
        this.refusals = refusals;
        this.events = events;
    }

    /** OpenSSL (BoringSSL) when its native library loads here, else the JDK's TLS. */
    public static SslProvider preferredProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * What the endpoint serves with, read from the files its configuration names: the root CA, the endpoint's TLS
     * context (its chain and key, TLS 1.3, client certificates checked against the root) and the revocation list.
     * The daemon reads them before it starts anything, so that a file it cannot use (a key others may read, a
     * certificate that does not parse) stops it with one line and nothing started.
     */
    public record Credentials(DaemonConfig.Tls config, SslProvider provider, SslContext ssl,
            RevocationListFile revocations) {

        public static Credentials read(DaemonConfig.Tls config, SslProvider provider) throws IOException {
            X509Certificate root = single(config.caCert());
            List<X509Certificate> serverChain = Pem.certificates(TlsEndpoint.read(config.serverCert()));
            PrivateKey serverKey = Pem.privateKey(readKey(config.serverKey()));
            SslContext ssl = SslContextBuilder.forServer(serverKey, serverChain).sslProvider(provider)
                    .protocols(TLS_1_3).clientAuth(ClientAuth.REQUIRE).trustManager(new RootCaTrustManager(root))
                    .build();
            return new Credentials(config, provider, ssl, RevocationListFile.read(root, config.crl()));
        }
    }

    /** Listens with {@code credentials}, within the limits of their configuration. */
    public static TlsEndpoint bind(Credentials credentials, Dispatcher dispatcher, EventSink sink, Clock clock)
            throws IOException {
        DaemonConfig.ListenAddress listen = credentials.config().listen();
        InetSocketAddress address = new InetSocketAddress(listen.host(), listen.port());
        boolean epoll = Epoll.isAvailable();
        return serve(credentials, dispatcher, sink, clock, epoll, bootstrap -> bootstrap
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class).bind(address),
                "cannot listen on " + listen);
    }

    /** Serves with {@code credentials} on the listening socket systemd passed, which stays open when it stops. */
    public static TlsEndpoint adopt(Credentials credentials, PassedSocket.Tcp socket, Dispatcher dispatcher,
            EventSink sink, Clock clock) throws IOException {
        // Active from the start, as it listens already: registering it begins accepting.
        return serve(credentials, dispatcher, sink, clock, true, bootstrap -> bootstrap
                .channelFactory(() -> new EpollServerSocketChannel(socket.fd().fd())).register(),
                "cannot serve on the socket systemd passed (" + socket.fd() + ", " + socket.address() + ")");
    }

    private static TlsEndpoint serve(Credentials credentials, Dispatcher dispatcher, EventSink sink, Clock clock,
            boolean epoll, Function<ServerBootstrap, ChannelFuture> listen, String failure) throws IOException {
        DaemonConfig.Tls config = credentials.config();
        RevocationListFile revocations = credentials.revocations();
        EventHandOff events = new EventHandOff(sink);
        Refusals refusals = new Refusals(events, dispatcher.meters());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(epoll ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
        try {
            Channel channel = listen.apply(new ServerBootstrap().group(group)
                    .childOption(ChannelOption.ALLOCATOR, HeapBuffers.ALLOCATOR)
                    .childHandler(new TlsEndpointInitializer(credentials.ssl(), config.limits(), dispatcher,
                            revocations, refusals, events, clock)))
                    .syncUninterruptibly().channel();
            LOG.info("remote endpoint on {} ({}, {})", channel.localAddress(), credentials.provider(),
                    epoll ? "epoll" : "nio");
            return new TlsEndpoint(group, channel, revocations, refusals, events);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            events.close();
            throw new IOException(failure + ": " + e.getMessage(), e);
        }
    }

    /** Where the endpoint listens, with the port the system chose when the configuration said 0. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public Refusals refusals() {
        return refusals;
    }

    /** Reads the revocation list again (SIGHUP); a list that cannot be read leaves the one in force. */
    public void reloadRevocations() {
        revocations.reload();
    }

    private static X509Certificate single(Path path) throws IOException {
        List<X509Certificate> certificates = Pem.certificates(read(path));
        if (certificates.size() != 1) {
            throw new IOException(path + " must hold exactly one certificate, the root CA's; it holds "
                    + certificates.size());
        }
        return certificates.get(0);
    }

    /** A private key file's text; refused, as OpenSSH refuses one, when anyone but its owner may touch it. */
    private static String readKey(Path path) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Optional<String> unprotected = KeyFileMode.whyUnprotected(path.toString(), permissions);
        if (unprotected.isPresent()) {
            throw new IOException(unprotected.get());
        }
        return read(path);
    }

    private static String read(Path path) throws IOException {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops accepting connections, closes the open ones and records their last events. A socket systemd passed is
     * only closed here: systemd keeps it listening for the next start.
     */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        events.close();
    }
}

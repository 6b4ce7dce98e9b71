package org.albatross.daemon.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.endpoint.activation.PassedSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local endpoint: a Unix domain socket (Netty's epoll transport where it is available, else NIO) whose file
 * mode and group decide who may use it; bound by the daemon, or passed by systemd ({@link #adopt}).
 */
public final class LocalEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEndpoint.class);

    private final EventLoopGroup group;
    private final Channel channel;
    private final Path path;
    /** Whether the socket file is the daemon's to remove: one systemd passed is systemd's, for the next start. */
    private final boolean ownsFile;

    private LocalEndpoint(EventLoopGroup group, Channel channel, Path path, boolean ownsFile) {
        this.group = group;
        this.channel = channel;
        this.path = path;
        this.ownsFile = ownsFile;
    }

    /** Binds the socket (replacing a stale one left by an earlier daemon) and sets its mode and group. */
    public static LocalEndpoint bind(DaemonConfig.Socket socket, Dispatcher dispatcher, int maxFrameLength)
            throws IOException {
        Path path = socket.path();
        Files.createDirectories(path.getParent());
        refuseIfServed(path);
        Files.deleteIfExists(path);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerDomainSocketChannel.class
                : NioServerDomainSocketChannel.class;
        SocketAddress address = epoll ? new DomainSocketAddress(path.toFile()) : UnixDomainSocketAddress.of(path);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, handlers);
        try {
            Channel channel = bootstrap(group, dispatcher, maxFrameLength).channel(channelType)
                    .bind(address).syncUninterruptibly().channel();
            restrict(path, socket.mode(), socket.group());
            LOG.debug("local endpoint on {} ({})", path, epoll ? "epoll" : "nio");
            return new LocalEndpoint(group, channel, path, true);
        } catch (RuntimeException | IOException e) {
            group.shutdownGracefully();
            throw e instanceof IOException io ? io : new IOException("cannot listen on " + path + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Serves on the listening socket systemd passed, as it is: its file, mode and group are the socket unit's
     * ({@code SocketMode=}, {@code SocketGroup=}), and stay when the daemon stops.
     */
    public static LocalEndpoint adopt(PassedSocket.Local socket, Dispatcher dispatcher, int maxFrameLength)
            throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            // Active from the start, as it listens already: registering it begins accepting.
            Channel channel = bootstrap(group, dispatcher, maxFrameLength)
                    .channelFactory(() -> new EpollServerDomainSocketChannel(socket.fd().fd(), true))
                    .register().syncUninterruptibly().channel();
            return new LocalEndpoint(group, channel, socket.path(), false);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IOException("cannot serve on the socket systemd passed (" + socket.fd() + ", "
                    + socket.path() + "): " + e.getMessage(), e);
        }
    }

    // One event loop: a local socket has a handful of clients, and every command's work runs on the state thread.
    private static ServerBootstrap bootstrap(EventLoopGroup group, Dispatcher dispatcher, int maxFrameLength) {
        return new ServerBootstrap().group(group)
                .childOption(ChannelOption.ALLOCATOR, HeapBuffers.ALLOCATOR)
                .childHandler(new LocalEndpointInitializer(dispatcher, maxFrameLength));
    }

    public Path path() {
        return path;
    }

    /**
     * A socket file another daemon still answers on is not taken over; one nobody answers on is stale. The daemon
     * asks before it restores anything, so that a second daemon never starts unikernels the first one runs.
     */
    public static void refuseIfServed(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException stale) {
            LOG.info("replacing the stale socket {}", path);
            return;
        }
        throw new IOException("another albatrossd is listening on " + path + "; stop it first, or set socket.path");
    }

    private static void restrict(Path path, int mode, Optional<String> group) throws IOException {
        Files.setPosixFilePermissions(path, permissions(mode));
        if (group.isPresent()) {
            GroupPrincipal principal = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(group.get());
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(principal);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values();
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    /**
     * Stops accepting connections, closes the open ones and removes the socket file, unless systemd passed it: then
     * the daemon closes only its own descriptor, and connections made until the next start wait in systemd's socket.
     */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        if (!ownsFile) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove the socket {}: {}", path, e.getMessage());
        }
    }
}

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
import java.util.concurrent.CompletableFuture;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.endpoint.activation.PassedSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local endpoint: a Unix domain socket (Netty's epoll transport where it is available, else NIO) whose file
 * mode and group decide who may use it; bound by the daemon, or passed by systemd. Made in two steps, so that the
 * daemon's start can {@link #open} it on a thread of its own while it restores, and {@link #serve} once ready.
 */
public final class LocalEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEndpoint.class);

    private final EventLoopGroup group;
    private final Channel channel;
    private final Path path;
    /** The socket to bind and its file's mode and group; empty for the one systemd passed, which listens already. */
    private final Optional<Binding> binding;
    /** Given by {@link #serve} before the channel accepts anything, so every connection's pipeline finds it. */
    private final CompletableFuture<Dispatcher> dispatcher;

    /** Where to bind, and the file's access. */
    private record Binding(DaemonConfig.Socket socket, SocketAddress address) {
    }

    private LocalEndpoint(EventLoopGroup group, Channel channel, Path path, Optional<Binding> binding,
            CompletableFuture<Dispatcher> dispatcher) {
        this.group = group;
        this.channel = channel;
        this.path = path;
        this.binding = binding;
        this.dispatcher = dispatcher;
    }

    /**
     * All of the endpoint but accepting: its event loop, and its server channel registered there and not reading (the
     * first use of Netty's server classes, and the reflection over handler classes Netty does when a pipeline is set
     * up: some 20 ms of a start). The channel is the listening socket systemd {@code passed}, if it passed one (its
     * file, mode and group are the socket unit's, {@code SocketMode=} and {@code SocketGroup=}, and stay when the
     * daemon stops), and otherwise one to bind on {@code socket} when the daemon serves.
     */
    public static LocalEndpoint open(DaemonConfig.Socket socket, Optional<PassedSocket.Local> passed,
            int maxFrameLength) throws IOException {
        boolean epoll = passed.isPresent() || Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, handlers);
        CompletableFuture<Dispatcher> dispatcher = new CompletableFuture<>();
        // One event loop: a local socket has a handful of clients, and every command's work runs on the state thread.
        ServerBootstrap bootstrap = new ServerBootstrap().group(group)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOCATOR, HeapBuffers.ALLOCATOR)
                .childHandler(new LocalEndpointInitializer(dispatcher::join, maxFrameLength));
        try {
            if (passed.isPresent()) {
                // Active from the start, as it listens already: reading begins accepting.
                Channel channel = bootstrap
                        .channelFactory(() -> new EpollServerDomainSocketChannel(passed.get().fd().fd(), true))
                        .register().syncUninterruptibly().channel();
                return new LocalEndpoint(group, channel, passed.get().path(), Optional.empty(), dispatcher);
            }
            Path path = socket.path();
            Channel channel = bootstrap.channel(epoll ? EpollServerDomainSocketChannel.class
                    : NioServerDomainSocketChannel.class).register().syncUninterruptibly().channel();
            SocketAddress address = epoll ? new DomainSocketAddress(path.toFile()) : UnixDomainSocketAddress.of(path);
            LOG.debug("local endpoint for {} ({})", path, epoll ? "epoll" : "nio");
            return new LocalEndpoint(group, channel, path, Optional.of(new Binding(socket, address)), dispatcher);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IOException(passed.isPresent()
                    ? "cannot serve on the socket systemd passed (" + passed.get().fd() + ", " + passed.get().path()
                            + "): " + e.getMessage()
                    : "cannot listen on " + socket.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Accepts connections, each served by {@code commands}: binds the socket first (replacing a stale one left by an
     * earlier daemon) and sets its mode and group, unless systemd passed it. On failure its event loop is ended.
     */
    public void serve(Dispatcher commands) throws IOException {
        dispatcher.complete(commands);
        try {
            if (binding.isPresent()) {
                bind(binding.get());
            }
            channel.config().setAutoRead(true);
        } catch (IOException | RuntimeException e) {
            release();
            throw e instanceof IOException io ? io : new IOException("cannot listen on " + path + ": "
                    + e.getMessage(), e);
        }
    }

    private void bind(Binding binding) throws IOException {
        Files.createDirectories(path.getParent());
        refuseIfServed(path);
        Files.deleteIfExists(path);
        channel.bind(binding.address()).syncUninterruptibly();
        restrict(path, binding.socket().mode(), binding.socket().group());
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

    private void release() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
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
        release();
        if (binding.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove the socket {}: {}", path, e.getMessage());
        }
    }
}

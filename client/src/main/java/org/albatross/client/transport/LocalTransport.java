package org.albatross.client.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Connects to albatrossd's local endpoint, the Unix domain socket ({@code <tmpdir>/util/vmmd.sock} by default),
 * with Netty's epoll transport and the daemon's own framing and codec.
 */
public final class LocalTransport {
    /** How long a connect, a write or a wait for the next message may take unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private LocalTransport() {
    }

    public static Session connect(Path socket) {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /**
     * Opens a connection; {@code timeout} bounds the connect and, later, each write and each wait for a message.
     *
     * @throws TransportError when the socket is missing, nobody listens on it, or epoll is not available
     */
    public static Session connect(Path socket, Duration timeout) {
        Objects.requireNonNull(socket, "socket");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        if (!Epoll.isAvailable()) {
            throw new TransportError(TransportError.Reason.CONNECTION_FAILED, "cannot connect to " + socket
                    + ": Netty's epoll transport is not available here (" + Epoll.unavailabilityCause() + ")",
                    Epoll.unavailabilityCause());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("albatross-local-transport", true), EpollIoHandler.newFactory());
        InboundQueue inbound = new InboundQueue();
        ChannelFuture connected = new Bootstrap()
                .group(group)
                .channel(EpollDomainSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                // a daemon that refuses an upload replies and closes before reading it all: the write then fails,
                // and the channel must stay open to read the reply rather than close at once
                .option(ChannelOption.AUTO_CLOSE, false)
                .handler(new LocalPipeline(inbound))
                .connect(new DomainSocketAddress(socket.toString()))
                .awaitUninterruptibly();
        if (!connected.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new TransportError(TransportError.Reason.CONNECTION_FAILED,
                    "cannot connect to " + socket + ": " + why(connected.cause()) + " - is albatrossd running?",
                    connected.cause());
        }
        return new Session(socket.toString(), connected.channel(), group, inbound.queue(), timeout);
    }

    /** A failed connect in words; Netty's own text names the syscall rather than the cause. */
    private static String why(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileNotFoundException) {
                return "no such file";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return String.valueOf(failure.getMessage());
    }

}

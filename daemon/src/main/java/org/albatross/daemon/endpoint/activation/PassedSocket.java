package org.albatross.daemon.endpoint.activation;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A descriptor systemd passed, as the kernel describes it: which endpoint it can be, or why it can be none. */
public sealed interface PassedSocket {
    ListenFds.ListenFd fd();

    /** A listening Unix stream socket, bound to {@code path}: the local endpoint's. */
    record Local(ListenFds.ListenFd fd, Path path) implements PassedSocket {
    }

    /** A listening TCP socket (IPv4 or IPv6), bound to {@code address}: the TLS endpoint's. */
    record Tcp(ListenFds.ListenFd fd, InetSocketAddress address) implements PassedSocket {
    }

    /** Neither, e.g. a datagram socket or one that does not listen; {@code what} says what it is. */
    record Unusable(ListenFds.ListenFd fd, String what) implements PassedSocket {
    }
}

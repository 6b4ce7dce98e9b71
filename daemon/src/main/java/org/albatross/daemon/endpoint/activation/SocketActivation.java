package org.albatross.daemon.endpoint.activation;

import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.albatross.config.DaemonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge of socket activation: reads {@link ListenFds} from the environment, asks the kernel what each descriptor
 * is (through Netty's native transport, which the endpoints then adopt them with) and matches them to the endpoints
 * ({@link InheritedSockets}), logging each disagreement with the configuration once. Adopting a descriptor needs
 * Netty's epoll transport; without it, passed sockets are refused with one line rather than left unserved.
 */
public final class SocketActivation {
    private static final Logger LOG = LoggerFactory.getLogger(SocketActivation.class);
    // getsockopt(2) constants of Linux, the one platform with systemd and epoll.
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int SOCK_STREAM = 1;
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private SocketActivation() {
    }

    /**
     * The sockets systemd passed to this process and the endpoint each serves; {@link InheritedSockets#NONE} when it
     * passed none.
     *
     * @param required {@code --systemd-socket-activation}: refuse to start unless the local socket was passed
     */
    public static InheritedSockets inherit(Map<String, String> environment, long pid, DaemonConfig config,
            boolean required) throws ActivationRefused {
        ListenFds passed = ListenFds.read(environment, pid);
        if (passed.isEmpty() && !required) {
            return InheritedSockets.NONE;
        }
        if (!passed.isEmpty() && !Epoll.isAvailable()) {
            throw new ActivationRefused("systemd passed " + passed.fds().size() + " sockets, but albatrossd adopts "
                    + "them through Netty's epoll transport, which cannot load here ("
                    + Epoll.unavailabilityCause().getMessage() + ")");
        }
        List<PassedSocket> described = new ArrayList<>();
        for (ListenFds.ListenFd fd : passed.fds()) {
            described.add(describe(fd));
        }
        InheritedSockets inherited = InheritedSockets.assign(described, config.socket().path(),
                config.tls().map(tls -> new InetSocketAddress(tls.listen().host(), tls.listen().port())), required);
        inherited.warnings().forEach(LOG::warn);
        inherited.local().ifPresent(local -> LOG.info("local endpoint from systemd: {} on {}", local.fd(),
                local.path()));
        inherited.tls().ifPresent(tls -> LOG.info("TLS endpoint from systemd: {} on {}", tls.fd(), tls.address()));
        return inherited;
    }

    static PassedSocket describe(ListenFds.ListenFd fd) {
        try {
            // Only asked, never closed: the descriptor is the endpoint's to adopt.
            Socket socket = new Socket(fd.fd());
            if (socket.getIntOpt(SOL_SOCKET, SO_TYPE) != SOCK_STREAM) {
                return new PassedSocket.Unusable(fd, "not a stream socket");
            }
            if (socket.getIntOpt(SOL_SOCKET, SO_ACCEPTCONN) == 0) {
                return new PassedSocket.Unusable(fd, "a socket that does not listen");
            }
            int family = socket.getIntOpt(SOL_SOCKET, SO_DOMAIN);
            if (family == AF_UNIX) {
                DomainSocketAddress address = socket.localDomainSocketAddress();
                return address == null || address.path().isEmpty()
                        ? new PassedSocket.Unusable(fd, "a Unix socket without a path")
                        : new PassedSocket.Local(fd, Path.of(address.path()));
            }
            if (family == AF_INET || family == AF_INET6) {
                return new PassedSocket.Tcp(fd, socket.localAddress());
            }
            return new PassedSocket.Unusable(fd, "a socket of address family " + family);
        } catch (IOException | ChannelException e) {
            return new PassedSocket.Unusable(fd, "not a socket (" + e.getMessage() + ")");
        }
    }
}

package org.albatross.daemon.endpoint.activation;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of the sockets systemd passed serves which endpoint. What a socket is decides: a Unix socket is the local
 * endpoint's, a TCP socket the TLS endpoint's; a name the shipped units give ({@value #LOCAL_NAME}, {@value #TLS_NAME})
 * must agree with it, other names are only shown. Where the configuration names another path or address, the passed
 * socket wins, as systemd users expect, and a warning says so once. An endpoint no socket was passed for binds its own.
 *
 * @param local the local endpoint's socket, if passed
 * @param tls the TLS endpoint's socket, if passed
 * @param warnings where the configuration disagrees with what was passed, one line each
 */
public record InheritedSockets(Optional<PassedSocket.Local> local, Optional<PassedSocket.Tcp> tls,
        List<String> warnings) {
    /** {@code FileDescriptorName=} of the shipped albatrossd.socket. */
    public static final String LOCAL_NAME = "local";
    /** {@code FileDescriptorName=} of the shipped albatrossd-tls.socket. */
    public static final String TLS_NAME = "tls";
    /** Nothing passed: both endpoints bind their own sockets. */
    public static final InheritedSockets NONE = new InheritedSockets(Optional.empty(), Optional.empty(), List.of());

    public InheritedSockets {
        warnings = List.copyOf(warnings);
    }

    /**
     * @param configuredSocket {@code socket.path}
     * @param configuredTls {@code tls.listen} as the endpoint would bind it; empty without a {@code [tls]} section
     * @param required {@code --systemd-socket-activation}: the local endpoint's socket must be among them
     */
    public static InheritedSockets assign(List<PassedSocket> passed, Path configuredSocket,
            Optional<InetSocketAddress> configuredTls, boolean required) throws ActivationRefused {
        Optional<PassedSocket.Local> local = Optional.empty();
        Optional<PassedSocket.Tcp> tls = Optional.empty();
        for (PassedSocket socket : passed) {
            if (socket instanceof PassedSocket.Unusable unusable) {
                throw new ActivationRefused(unusable.fd() + " is " + unusable.what()
                        + ": albatrossd serves on listening stream sockets only (ListenStream=)");
            } else if (socket instanceof PassedSocket.Local unix) {
                refuseName(unix.fd(), TLS_NAME, "a Unix socket (" + unix.path() + ")");
                local = Optional.of(only(local, unix, "Unix"));
            } else if (socket instanceof PassedSocket.Tcp tcp) {
                refuseName(tcp.fd(), LOCAL_NAME, "a TCP socket (" + tcp.address() + ")");
                tls = Optional.of(only(tls, tcp, "TCP"));
            }
        }
        if (required && local.isEmpty()) {
            throw new ActivationRefused("--systemd-socket-activation: systemd passed "
                    + (passed.isEmpty() ? "no sockets to this process (LISTEN_PID and LISTEN_FDS)"
                            : "no Unix socket for the local endpoint")
                    + "; start albatrossd through albatrossd.socket, or without the option");
        }
        List<String> warnings = new ArrayList<>();
        if (local.isPresent() && !local.get().path().toAbsolutePath().normalize()
                .equals(configuredSocket.toAbsolutePath().normalize())) {
            warnings.add("systemd passed the local socket " + local.get().path() + ", socket.path is "
                    + configuredSocket + ": serving on " + local.get().path()
                    + "; make socket.path and the unit's ListenStream= agree");
        }
        if (tls.isPresent()) {
            InetSocketAddress address = tls.get().address();
            if (configuredTls.isEmpty()) {
                throw new ActivationRefused("systemd passed a TCP socket on " + address + " (" + tls.get().fd()
                        + "), but the configuration has no [tls] section: configure the TLS endpoint, or stop and "
                        + "disable albatrossd-tls.socket");
            }
            if (!address.equals(configuredTls.get())) {
                warnings.add("systemd passed the TLS socket " + address + ", tls.listen is " + configuredTls.get()
                        + ": serving on " + address + "; make tls.listen and the unit's ListenStream= agree");
            }
        }
        return new InheritedSockets(local, tls, warnings);
    }

    public boolean isEmpty() {
        return local.isEmpty() && tls.isEmpty();
    }

    private static void refuseName(ListenFds.ListenFd fd, String otherEndpoint, String what) throws ActivationRefused {
        if (fd.name().equals(otherEndpoint)) {
            throw new ActivationRefused(fd + " is " + what + ", but its name is that of the " + otherEndpoint
                    + " endpoint's socket: check FileDescriptorName= in the socket units");
        }
    }

    private static <T extends PassedSocket> T only(Optional<T> earlier, T socket, String kind)
            throws ActivationRefused {
        if (earlier.isPresent()) {
            throw new ActivationRefused("systemd passed two " + kind + " sockets, " + earlier.get().fd() + " and "
                    + socket.fd() + ": albatrossd serves on one of each (a Unix socket, a TCP socket)");
        }
        return socket;
    }
}

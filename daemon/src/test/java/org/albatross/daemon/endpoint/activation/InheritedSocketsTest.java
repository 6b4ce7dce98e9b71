package org.albatross.daemon.endpoint.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.albatross.daemon.endpoint.activation.ListenFds.ListenFd;
import org.junit.jupiter.api.Test;

class InheritedSocketsTest {
    private static final Path SOCKET = Path.of("/run/albatross/util/vmmd.sock");
    private static final InetSocketAddress ANY_1025 = new InetSocketAddress("::", 1025);
    private static final PassedSocket.Local LOCAL = new PassedSocket.Local(new ListenFd(3, "local"), SOCKET);
    private static final PassedSocket.Tcp TLS = new PassedSocket.Tcp(new ListenFd(4, "tls"), ANY_1025);

    @Test
    void theUnixSocketServesTheLocalEndpointAndTheTcpSocketTheTlsEndpoint() throws Exception {
        InheritedSockets inherited = InheritedSockets.assign(List.of(TLS, LOCAL), SOCKET, Optional.of(ANY_1025),
                true);

        assertThat(inherited.local()).contains(LOCAL);
        assertThat(inherited.tls()).contains(TLS);
        assertThat(inherited.warnings()).isEmpty();
    }

    @Test
    void unnamedSocketsAreToldApartByWhatTheyAre() throws Exception {
        PassedSocket.Local local = new PassedSocket.Local(new ListenFd(4, ListenFds.UNNAMED), SOCKET);
        PassedSocket.Tcp tls = new PassedSocket.Tcp(new ListenFd(3, "albatrossd-tls.socket"), ANY_1025);

        InheritedSockets inherited = InheritedSockets.assign(List.of(tls, local), SOCKET, Optional.of(ANY_1025),
                false);

        assertThat(inherited.local()).contains(local);
        assertThat(inherited.tls()).contains(tls);
    }

    @Test
    void anEndpointNotPassedIsLeftToBindItsOwn() throws Exception {
        InheritedSockets onlyLocal = InheritedSockets.assign(List.of(LOCAL), SOCKET, Optional.of(ANY_1025), true);
        InheritedSockets onlyTls = InheritedSockets.assign(List.of(TLS), SOCKET, Optional.of(ANY_1025), false);
        InheritedSockets none = InheritedSockets.assign(List.of(), SOCKET, Optional.empty(), false);

        assertThat(onlyLocal.tls()).isEmpty();
        assertThat(onlyTls.local()).isEmpty();
        assertThat(onlyTls.tls()).contains(TLS);
        assertThat(none.isEmpty()).isTrue();
    }

    @Test
    void aConfigurationThatNamesAnotherPathOrAddressIsWarnedAboutOnceAndThePassedSocketServes() throws Exception {
        InheritedSockets inherited = InheritedSockets.assign(List.of(LOCAL, TLS), Path.of("/srv/vmmd.sock"),
                Optional.of(new InetSocketAddress("127.0.0.1", 1025)), false);

        assertThat(inherited.local()).contains(LOCAL);
        assertThat(inherited.tls()).contains(TLS);
        assertThat(inherited.warnings()).hasSize(2);
        assertThat(inherited.warnings().get(0)).isEqualTo("systemd passed the local socket " + SOCKET
                + ", socket.path is /srv/vmmd.sock: serving on " + SOCKET
                + "; make socket.path and the unit's ListenStream= agree");
        assertThat(inherited.warnings().get(1)).startsWith("systemd passed the TLS socket " + ANY_1025
                + ", tls.listen is /127.0.0.1:1025: serving on " + ANY_1025);
    }

    @Test
    void theSamePathWrittenDifferentlyAgrees() throws Exception {
        InheritedSockets inherited = InheritedSockets.assign(List.of(LOCAL), Path.of("/run/albatross/./util/vmmd.sock"),
                Optional.empty(), false);

        assertThat(inherited.warnings()).isEmpty();
    }

    @Test
    void aTcpSocketWithoutATlsSectionIsRefused() {
        assertRefused(List.of(LOCAL, TLS), Optional.empty(), false, "systemd passed a TCP socket on " + ANY_1025
                + " (descriptor 4 (tls)), but the configuration has no [tls] section: configure the TLS endpoint, or "
                + "stop and disable albatrossd-tls.socket");
    }

    @Test
    void theOptionRefusesToStartWithoutTheLocalSocket() {
        assertRefused(List.of(), Optional.empty(), true, "--systemd-socket-activation: systemd passed no sockets to "
                + "this process (LISTEN_PID and LISTEN_FDS); start albatrossd through albatrossd.socket, or without "
                + "the option");
        assertRefused(List.of(TLS), Optional.of(ANY_1025), true, "--systemd-socket-activation: systemd passed no "
                + "Unix socket for the local endpoint");
    }

    @Test
    void socketsNoEndpointCanServeAreRefused() {
        PassedSocket.Local second = new PassedSocket.Local(new ListenFd(5, ListenFds.UNNAMED), Path.of("/x.sock"));
        PassedSocket.Tcp secondTcp = new PassedSocket.Tcp(new ListenFd(5, ListenFds.UNNAMED),
                new InetSocketAddress("::", 1026));

        assertRefused(List.of(LOCAL, second), Optional.empty(), false, "systemd passed two Unix sockets, descriptor 3 "
                + "(local) and descriptor 5: albatrossd serves on one of each (a Unix socket, a TCP socket)");
        assertRefused(List.of(TLS, secondTcp), Optional.of(ANY_1025), false, "systemd passed two TCP sockets");
        assertRefused(List.of(LOCAL, new PassedSocket.Unusable(new ListenFd(4, "udp"), "not a stream socket")),
                Optional.empty(), false, "descriptor 4 (udp) is not a stream socket: albatrossd serves on listening "
                        + "stream sockets only (ListenStream=)");
    }

    @Test
    void aNameThatContradictsWhatTheSocketIsIsRefused() {
        assertRefused(List.of(new PassedSocket.Local(new ListenFd(3, "tls"), SOCKET)), Optional.empty(), false,
                "descriptor 3 (tls) is a Unix socket (" + SOCKET + "), but its name is that of the tls endpoint's "
                        + "socket: check FileDescriptorName= in the socket units");
        assertRefused(List.of(new PassedSocket.Tcp(new ListenFd(3, "local"), ANY_1025)), Optional.of(ANY_1025), false,
                "descriptor 3 (local) is a TCP socket");
    }

    private static void assertRefused(List<PassedSocket> passed, Optional<InetSocketAddress> tls, boolean required,
            String message) {
        assertThatThrownBy(() -> InheritedSockets.assign(passed, SOCKET, tls, required))
                .isInstanceOf(ActivationRefused.class).hasMessageStartingWith(message).hasMessageNotContaining("\n");
    }
}

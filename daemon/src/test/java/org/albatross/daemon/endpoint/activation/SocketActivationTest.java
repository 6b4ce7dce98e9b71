package org.albatross.daemon.endpoint.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.albatross.daemon.endpoint.activation.ListenFds.ListenFd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kernel says of each kind of descriptor systemd could pass, asked of real descriptors of this JVM. */
class SocketActivationTest {
    private final List<FileDescriptor> opened = new ArrayList<>();

    @TempDir
    Path directory;

    @BeforeEach
    void needsEpoll() {
        assumeThat(Epoll.isAvailable()).as("Netty's epoll transport: " + Epoll.unavailabilityCause()).isTrue();
    }

    @AfterEach
    void closeAll() throws IOException {
        for (FileDescriptor fd : opened) {
            fd.close();
        }
    }

    @Test
    void aListeningUnixSocketIsTheLocalEndpointsWithItsPath() throws Exception {
        Path path = directory.resolve("vmmd.sock");
        Socket socket = open(LinuxSocket.newSocketDomain());
        socket.bind(new DomainSocketAddress(path.toFile()));
        socket.listen(8);

        assertThat(SocketActivation.describe(new ListenFd(socket.intValue(), "local")))
                .isEqualTo(new PassedSocket.Local(new ListenFd(socket.intValue(), "local"), path));
    }

    @Test
    void aListeningTcpSocketIsTheTlsEndpointsWithItsAddress() throws Exception {
        Socket socket = open(LinuxSocket.newSocketStream());
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.listen(8);

        PassedSocket described = SocketActivation.describe(new ListenFd(socket.intValue(), "tls"));

        assertThat(described).isInstanceOf(PassedSocket.Tcp.class);
        assertThat(((PassedSocket.Tcp) described).address()).isEqualTo(socket.localAddress());
    }

    @Test
    void aSocketThatDoesNotListenADatagramSocketAndAFileAreNone() throws Exception {
        Socket quiet = open(LinuxSocket.newSocketStream());
        quiet.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Socket datagram = open(LinuxSocket.newSocketDgram());
        FileDescriptor file = open(FileDescriptor.from(Files.createFile(directory.resolve("file")).toFile()));

        assertThat(SocketActivation.describe(new ListenFd(quiet.intValue(), "x")))
                .isEqualTo(new PassedSocket.Unusable(new ListenFd(quiet.intValue(), "x"),
                        "a socket that does not listen"));
        assertThat(SocketActivation.describe(new ListenFd(datagram.intValue(), "x")))
                .isEqualTo(new PassedSocket.Unusable(new ListenFd(datagram.intValue(), "x"), "not a stream socket"));
        assertThat(((PassedSocket.Unusable) SocketActivation.describe(new ListenFd(file.intValue(), "x"))).what())
                .startsWith("not a socket (");
    }

    private <T extends FileDescriptor> T open(T fd) {
        opened.add(fd);
        return fd;
    }
}

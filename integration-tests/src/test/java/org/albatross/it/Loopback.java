package org.albatross.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** TCP ports on the loopback interface, for the remote endpoints of the daemons that tests start. */
final class Loopback {
    private static final int CONNECT_WITHIN_MILLIS = 1000;

    private Loopback() {
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Whether something accepts connections on {@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_WITHIN_MILLIS);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}

package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain TCP connections to the daemon's TLS endpoint from one loopback address (127.0.0.2 and up, as other hosts
 * would come from other addresses than the tenants' 127.0.0.1), that send nothing unless told to.
 */
final class Flood implements AutoCloseable {
    private final InetSocketAddress endpoint;
    private final String from;
    private final List<SocketChannel> connections;

    private Flood(InetSocketAddress endpoint, String from, List<SocketChannel> connections) {
        this.endpoint = endpoint;
        this.from = from;
        this.connections = connections;
    }

    /** {@code count} connections from {@code from}, each connected before this returns. */
    static Flood open(InetSocketAddress endpoint, String from, int count) throws IOException {
        Flood flood = new Flood(endpoint, from, new ArrayList<>());
        for (int i = 0; i < count; i++) {
            flood.connections.add(flood.connect());
        }
        return flood;
    }

    /** Waits until exactly {@code count} were closed by the daemon, and no more. */
    void awaitClosedByTheDaemon(int count, Duration patience) {
        await(count + " connections from " + this + " closed by albatrossd").atMost(patience)
                .pollInterval(Duration.ofMillis(50)).until(() -> closedByTheDaemon() >= count);
        assertThat(closedByTheDaemon()).isEqualTo(count);
    }

    /** How many the daemon closed: a clean close reads as the end of the stream, a reset as an error. */
    long closedByTheDaemon() {
        return connections.stream().filter(Flood::closed).count();
    }

    /** Opens a new connection in place of each one the daemon closed, as a peer keeping up its hold would. */
    int reopenClosed() throws IOException {
        int reopened = 0;
        for (int i = 0; i < connections.size(); i++) {
            if (closed(connections.get(i))) {
                connections.get(i).close();
                connections.set(i, connect());
                reopened++;
            }
        }
        return reopened;
    }

    void sendToAll(byte next) {
        for (SocketChannel connection : connections) {
            try {
                connection.write(ByteBuffer.wrap(new byte[] {next}));
            } catch (IOException closed) {
                // the daemon closed it: the test counts that
            }
        }
    }

    private SocketChannel connect() throws IOException {
        SocketChannel connection = SocketChannel.open();
        try {
            connection.bind(new InetSocketAddress(from, 0));
            connection.connect(endpoint);
            connection.configureBlocking(false);
            return connection;
        } catch (IOException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean closed(SocketChannel connection) {
        try {
            return connection.read(ByteBuffer.allocate(64)) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        connections.forEach(connection -> {
            try {
                connection.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public String toString() {
        return connections.size() + " connections from " + from;
    }
}

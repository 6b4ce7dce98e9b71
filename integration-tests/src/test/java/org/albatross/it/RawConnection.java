package org.albatross.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A bare connection to the daemon's socket that sends whatever bytes a test makes up, below the client's codec,
 * and reads the framed answer with a deadline.
 */
final class RawConnection implements AutoCloseable {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final SocketChannel channel;
    private final Selector selector;

    private RawConnection(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    static RawConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        return new RawConnection(channel, selector);
    }

    /** Sends {@code payload} as one frame: its length as 4 bytes big-endian, then the bytes. */
    void sendFrame(byte[] payload) throws IOException {
        send(ByteBuffer.allocate(Integer.BYTES + payload.length).putInt(payload.length).put(payload).flip());
    }

    /** Sends only a length prefix, e.g. one beyond the daemon's cap. */
    void sendLength(int length) throws IOException {
        send(ByteBuffer.allocate(Integer.BYTES).putInt(length).flip());
    }

    private void send(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** The next frame's bytes, or empty when the daemon closed the connection first. */
    Optional<byte[]> readFrame() throws IOException {
        Instant deadline = Instant.now().plus(WITHIN);
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        if (!fill(length, deadline)) {
            return Optional.empty();
        }
        ByteBuffer frame = ByteBuffer.allocate(length.flip().getInt());
        if (!fill(frame, deadline)) {
            throw new IOException("the daemon closed the connection in the middle of a frame");
        }
        return Optional.of(frame.array());
    }

    /** Whether the daemon closes the connection (rather than sending more) before the deadline. */
    boolean closedByPeer() throws IOException {
        return !fill(ByteBuffer.allocate(1), Instant.now().plus(WITHIN));
    }

    private boolean fill(ByteBuffer buffer, Instant deadline) throws IOException {
        while (buffer.hasRemaining()) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new IOException("nothing from the daemon within " + WITHIN);
            }
            selector.select(left);
            selector.selectedKeys().clear();
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}

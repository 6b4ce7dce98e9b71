package org.albatross.daemon.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.albatross.protocol.Command;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/** A blocking albatross client over the daemon's Unix socket, for tests: frames out, frames in, with deadlines. */
public final class WireClient implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final SocketChannel channel;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private long sequence;

    private WireClient(SocketChannel channel) {
        this.channel = channel;
    }

    public static WireClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new WireClient(channel);
    }

    /** Sends {@code command} about {@code name} with the next sequence number; returns the header sent. */
    public Header send(String name, Command command) throws IOException {
        Header header = new Header(++sequence, Name.parse(name));
        sendFrame(WireCodec.encode(new Wire(header, command)));
        return header;
    }

    public void sendFrame(byte[] frame) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 + frame.length).putInt(frame.length).put(frame).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The next message; fails when none arrives before the deadline or the daemon closed the connection. */
    public Wire receive() throws Exception {
        return next().orElseThrow(() -> new IOException("the daemon closed the connection"));
    }

    /** The next message, or empty once the daemon has closed the connection. */
    public Optional<Wire> next() throws Exception {
        try {
            return reader.submit(this::readFrame).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .map(WireCodec::decode);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        } catch (TimeoutException e) {
            throw new TimeoutException("no message from the daemon within " + DEADLINE);
        }
    }

    private Optional<byte[]> readFrame() throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        if (!fill(length)) {
            return Optional.empty();
        }
        ByteBuffer frame = ByteBuffer.allocate(length.flip().getInt());
        if (!fill(frame)) {
            throw new IOException("the daemon closed the connection in the middle of a frame");
        }
        return Optional.of(frame.array());
    }

    private boolean fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.shutdownNow();
        channel.close();
    }
}

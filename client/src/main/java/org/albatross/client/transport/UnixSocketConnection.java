package org.albatross.client.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.codec.Framing;

/**
 * A connection to the daemon's Unix socket through the JDK's own Unix domain sockets: no event loop and no thread,
 * every read and write on the caller's thread, non-blocking under a selector so that each wait has its deadline. A
 * command-line client that sends one command and reads its answer needs no more, and starts in a fraction of the
 * time an event loop takes.
 */
final class UnixSocketConnection implements Connection {
    /** The JDK's property naming the selector provider, which it otherwise looks for as a service. */
    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";
    /** The JDK's own provider on Linux, which the JDK would choose after finding none on the class path. */
    private static final String JDK_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

    private final String peer;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final ByteBuffer lengthField = ByteBuffer.allocate(Framing.LENGTH_FIELD);
    /** The body of the frame being read, once its length field is complete; kept across waits that time out. */
    private ByteBuffer body;

    private UnixSocketConnection(String peer, SocketChannel channel, Selector selector) throws IOException {
        this.peer = peer;
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
    }

    /**
     * Connects within {@code timeout}.
     *
     * @throws IOException as the JDK reports a missing socket ({@code SocketException}), nobody listening
     *     ({@code ConnectException}) or no connection in time ({@link InterruptedByTimeoutException})
     */
    static UnixSocketConnection open(Path socket, Duration timeout) throws IOException {
        nameTheJdksSelectorProvider();
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.configureBlocking(false);
            UnixSocketConnection connection = new UnixSocketConnection(socket.toString(), channel, Selector.open());
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                connection.finishConnect(System.nanoTime() + timeout.toNanos());
            }
            return connection;
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    /**
     * Names the JDK's own selector provider (unless the property names one, or this JDK has none of that name: not
     * Linux): the first channel otherwise has the JDK look for a provider as a service on the class path, which opens
     * every jar the client's manifest names, about 30 ms of a local command's 200 (docs/performance.md). The client's
     * jars provide none, so the provider is the one the JDK would choose anyway.
     */
    private static void nameTheJdksSelectorProvider() {
        if (System.getProperty(SELECTOR_PROVIDER) != null) {
            return;
        }
        try {
            Class.forName(JDK_PROVIDER, false, null);
            System.setProperty(SELECTOR_PROVIDER, JDK_PROVIDER);
        } catch (ClassNotFoundException notThisPlatform) {
            // the JDK looks for a provider as a service, and finds its own
        }
    }

    private void finishConnect(long deadline) throws IOException {
        while (!channel.finishConnect()) {
            await(SelectionKey.OP_CONNECT, deadline);
        }
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public void send(byte[] frameBody, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        ByteBuffer[] frame = {ByteBuffer.allocate(Framing.LENGTH_FIELD).putInt(0, frameBody.length),
                ByteBuffer.wrap(frameBody)};
        while (frame[1].hasRemaining() || frame[0].hasRemaining()) {
            if (channel.write(frame) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    @Override
    public Inbound next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (Inbound read = readFrame(); ; read = readFrame()) {
                if (read != null) {
                    return read;
                }
                await(SelectionKey.OP_READ, deadline);
            }
        } catch (InterruptedByTimeoutException nothingInTime) {
            return null;
        } catch (ClosedChannelException closedMeanwhile) {
            // by another thread, to end a wait for a stream that would never end by itself
            return new Inbound.Closed();
        } catch (InterruptedIOException interrupted) {
            throw new InterruptedException(interrupted.getMessage());
        } catch (IOException | ProtocolError broken) {
            close(Duration.ZERO);
            return new Inbound.Broken(broken);
        }
    }

    /** Reads what is there without waiting: a whole frame, the end of the connection, or null for not yet. */
    private Inbound readFrame() throws IOException {
        if (body == null) {
            if (channel.read(lengthField) < 0) {
                return new Inbound.Closed();
            }
            if (lengthField.hasRemaining()) {
                return null;
            }
            int length = Framing.bodyLength(lengthField.flip().getInt(), Framing.DEFAULT_MAX_FRAME_LENGTH);
            lengthField.clear();
            if (length == 0) {
                return new Inbound.EndOfStream();
            }
            body = ByteBuffer.allocate(length);
        }
        if (channel.read(body) < 0) {
            return new Inbound.Closed();
        }
        if (body.hasRemaining()) {
            return null;
        }
        byte[] frame = body.array();
        body = null;
        return new Inbound.Frame(frame);
    }

    /**
     * Waits until the channel is ready for {@code operation}, at most until {@code deadline} (a nano time).
     *
     * @throws ClosedChannelException when the connection is closed, also by another thread during the wait
     */
    private void await(int operation, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new InterruptedByTimeoutException();
        }
        try {
            key.interestOps(operation);
            // select(0) would wait for ever: a wait under a millisecond is rounded up
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException | CancelledKeyException closed) {
            throw new ClosedChannelException();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while waiting for the daemon at " + peer);
        }
    }

    /** Closes the connection; a thread waiting in {@link #next} then sees it closed. */
    @Override
    public void close(Duration within) {
        try {
            selector.close();
            channel.close();
        } catch (IOException alreadyGone) {
            // nothing is left to release: a close that fails leaves the descriptor closed all the same
        }
    }
}

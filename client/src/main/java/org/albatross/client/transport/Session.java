package org.albatross.client.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.albatross.protocol.Command;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;
import org.albatross.protocol.Wire;
import org.albatross.protocol.netty.EndOfStream;

/**
 * One connection to the daemon. Each command gets the next header sequence number and its reply must echo the
 * request's header. The daemon closes the connection after a failure reply and at the end of a stream, as
 * albatross does; a session is for one caller thread at a time.
 */
public final class Session implements AutoCloseable {
    /** The size of the frames an upload is cut into, well under the daemon's frame cap. */
    static final int UPLOAD_CHUNK = 64 * 1024;

    private final String peer;
    private final Channel channel;
    private final EventLoopGroup group;
    private final BlockingQueue<Inbound> inbound;
    private final Duration timeout;
    private long nextSequence = 1;
    private Inbound terminal;

    Session(String peer, Channel channel, EventLoopGroup group, BlockingQueue<Inbound> inbound, Duration timeout) {
        this.peer = peer;
        this.channel = channel;
        this.group = group;
        this.inbound = inbound;
        this.timeout = timeout;
    }

    /** Sends a one-shot command (create, info, destroy, policy and block management) and waits for its reply. */
    public Reply request(Command command, Name name) {
        return awaitReply(send(command, name));
    }

    /**
     * Sends a streaming command (console or event subscription, block dump) and waits for its first reply; the
     * returned stream then yields the data that follow. Closing the stream closes this session.
     */
    public Stream open(Command command, Name name) {
        Reply reply = awaitReply(send(command, name));
        return new Stream(this, reply);
    }

    /**
     * Waits for the daemon's first reply to the command a remote daemon read from the client certificate; the header
     * is the daemon's to choose, so it is not checked. The returned stream yields whatever follows.
     */
    public Stream receive() {
        return new Stream(this, awaitReply(null));
    }

    /**
     * Streams {@code data} as the image or block data a remote command announced with an empty image field: framed
     * chunks ended by a zero-length frame, then waits for the reply as {@link #receive()} does.
     */
    public Stream uploadThenReceive(InputStream data) throws IOException {
        writeChunks(data, "the streamed image");
        return receive();
    }

    /**
     * Sends a command whose data follows it, as albatross's block set does: the command, then {@code data} in
     * length-prefixed frames of raw bytes, then a zero-length frame; the daemon answers once it has it all.
     */
    public Reply upload(Command command, Name name, InputStream data) throws IOException {
        Header header = send(command, name);
        try {
            writeChunks(data, "data for " + describe(header));
        } catch (TransportError writeFailed) {
            return replyAfterBrokenUpload(header, writeFailed);
        }
        return awaitReply(header);
    }

    private void writeChunks(InputStream data, String what) throws IOException {
        byte[] chunk = new byte[UPLOAD_CHUNK];
        for (int read = data.readNBytes(chunk, 0, chunk.length); read > 0;
                read = data.readNBytes(chunk, 0, chunk.length)) {
            write(Unpooled.wrappedBuffer(Arrays.copyOf(chunk, read)), what);
        }
        write(EndOfStream.INSTANCE, "the end of " + what);
    }

    /** {@link #upload} as a stream, for callers that treat every command alike. */
    public Stream openUpload(Command command, Name name, InputStream data) throws IOException {
        return new Stream(this, upload(command, name, data));
    }

    /**
     * A daemon that refuses an upload answers and closes without reading the rest, so the writes fail; its reply
     * says why and is worth more than the broken pipe.
     */
    private Reply replyAfterBrokenUpload(Header header, TransportError writeFailed) {
        try {
            return awaitReply(header);
        } catch (TransportError noReply) {
            writeFailed.addSuppressed(noReply);
            throw writeFailed;
        }
    }

    /** Closes the connection and releases its thread. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(timeout.toMillis());
        group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(timeout.toMillis());
    }

    /**
     * The next data of a stream, or {@code null} once the daemon has ended it (end of stream or closed connection).
     */
    Stream.Element nextData(Duration wait) {
        Inbound next = next(wait, "the next data of the stream");
        if (next instanceof Inbound.Message message) {
            if (message.wire().payload() instanceof Data data) {
                return new Stream.Element(message.wire().header().name(), data);
            }
            if (message.wire().payload() instanceof Failure failure) {
                throw communicationFailed("the daemon ended the stream with a failure: " + failure.message(), null);
            }
            throw communicationFailed("expected stream data, got " + message.wire().payload(), null);
        }
        if (next instanceof Inbound.Broken broken) {
            throw broken(broken);
        }
        return null;
    }

    Duration timeout() {
        return timeout;
    }

    private Header send(Command command, Name name) {
        Header header = new Header(nextSequence++, name);
        write(new Wire(header, command), describe(header) + " (" + command.getClass().getSimpleName() + ")");
        return header;
    }

    private void write(Object message, String what) {
        ChannelFuture written = channel.writeAndFlush(message);
        if (!written.awaitUninterruptibly(timeout.toMillis())) {
            throw communicationFailed("could not send " + what + " within " + timeout.toMillis() + " ms", null);
        }
        if (!written.isSuccess()) {
            throw communicationFailed("could not send " + what + ": " + written.cause().getMessage(), written.cause());
        }
    }

    /** The reply to {@code request}, or to the certificate's command when {@code request} is null. */
    private Reply awaitReply(Header request) {
        Inbound next = next(timeout, "a reply to " + describe(request));
        if (next instanceof Inbound.Message message) {
            Wire reply = message.wire();
            if (request != null && !reply.header().equals(request)) {
                throw communicationFailed("the reply's header (sequence " + reply.header().sequence() + ", name "
                        + reply.header().name() + ") does not echo the request's (" + describe(request) + ")", null);
            }
            if (reply.payload() instanceof Success success) {
                return new Reply.Succeeded(success);
            }
            if (reply.payload() instanceof Failure failure) {
                return new Reply.Failed(failure.message());
            }
            throw communicationFailed("expected a reply to " + describe(request) + ", got " + reply.payload(), null);
        }
        if (next instanceof Inbound.Broken broken) {
            throw broken(broken);
        }
        throw communicationFailed("the daemon at " + peer + " closed the connection without replying to "
                + describe(request), null);
    }

    /** Takes the next inbound event; once the connection has ended, every later call sees that same end. */
    private Inbound next(Duration wait, String awaited) {
        if (terminal != null) {
            return terminal;
        }
        Inbound next;
        try {
            next = inbound.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw communicationFailed("interrupted while waiting for " + awaited, e);
        }
        if (next == null) {
            throw communicationFailed("no answer from the daemon at " + peer + " within " + wait.toMillis()
                    + " ms while waiting for " + awaited, null);
        }
        if (!(next instanceof Inbound.Message)) {
            terminal = next;
        }
        return next;
    }

    private TransportError broken(Inbound.Broken broken) {
        return communicationFailed("the connection to " + peer + " broke: " + broken.cause().getMessage(),
                broken.cause());
    }

    private static String describe(Header header) {
        if (header == null) {
            return "the certificate's command";
        }
        return "request " + header.sequence() + " for \"" + header.name() + "\"";
    }

    private static TransportError communicationFailed(String message, Throwable cause) {
        return new TransportError(TransportError.Reason.COMMUNICATION_FAILED, message, cause);
    }

    @Override
    public String toString() {
        return "Session[" + peer + "]";
    }
}

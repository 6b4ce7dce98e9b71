package org.albatross.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.albatross.protocol.Command;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.Success;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/**
 * One connection to the daemon, local or remote. Each command gets the next header sequence number and its reply
 * must echo the request's header. The daemon closes the connection after a failure reply and at the end of a
 * stream, as albatross does; a session is for one caller thread at a time, but another thread may close it to end
 * that thread's wait for data.
 */
public final class Session implements AutoCloseable {
    /** The size of the frames an upload is cut into, well under the daemon's frame cap. */
    static final int UPLOAD_CHUNK = 64 * 1024;

    private static final byte[] END_OF_STREAM = new byte[0];

    private final Connection connection;
    private final String peer;
    private final Duration timeout;
    private long nextSequence = 1;
    private Inbound terminal;

    Session(Connection connection, Duration timeout) {
        this.connection = connection;
        this.peer = connection.peer();
        this.timeout = timeout;
    }

    /** Sends a one-shot command (create, info, destroy, policy and block management) and waits for its reply. */
    public Answer request(Command command, Name name) {
        return awaitReply(send(command, name));
    }

    /**
     * Sends a streaming command (console or event subscription, block dump) and waits for its first reply; the
     * returned stream then yields the data that follow. Closing the stream closes this session.
     */
    public Stream open(Command command, Name name) {
        Answer reply = awaitReply(send(command, name));
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
        try {
            writeChunks(data, () -> "the streamed image");
        } catch (TransportError writeFailed) {
            return new Stream(this, replyAfterBrokenUpload(null, writeFailed));
        }
        return receive();
    }

    /**
     * Sends a command whose data follows it, as albatross's block set does: the command, then {@code data} in
     * length-prefixed frames of raw bytes, then a zero-length frame; the daemon answers once it has it all.
     */
    public Answer upload(Command command, Name name, InputStream data) throws IOException {
        Header header = send(command, name);
        try {
            writeChunks(data, () -> "data for " + describe(header));
        } catch (TransportError writeFailed) {
            return replyAfterBrokenUpload(header, writeFailed);
        }
        return awaitReply(header);
    }

    private void writeChunks(InputStream data, Supplier<String> what) throws IOException {
        byte[] chunk = new byte[UPLOAD_CHUNK];
        for (int read = data.readNBytes(chunk, 0, chunk.length); read > 0;
                read = data.readNBytes(chunk, 0, chunk.length)) {
            write(Arrays.copyOf(chunk, read), what);
        }
        write(END_OF_STREAM, () -> "the end of " + what.get());
    }

    /** {@link #upload} as a stream, for callers that treat every command alike. */
    public Stream openUpload(Command command, Name name, InputStream data) throws IOException {
        return new Stream(this, upload(command, name, data));
    }

    /**
     * A daemon that refuses an upload answers and closes without reading the rest, so the writes fail; its reply
     * says why and is worth more than the broken pipe. {@code header} is null for the certificate's command.
     */
    private Answer replyAfterBrokenUpload(Header header, TransportError writeFailed) {
        try {
            return awaitReply(header);
        } catch (TransportError noReply) {
            writeFailed.addSuppressed(noReply);
            throw writeFailed;
        }
    }

    /** Closes the connection and releases what it holds. */
    @Override
    public void close() {
        connection.close(timeout);
    }

    /**
     * The next data of a stream, or {@code null} once the daemon has ended it (end of stream or closed connection).
     */
    Stream.Element nextData(Duration wait) {
        Inbound next = next(wait, () -> "the next data of the stream");
        if (next instanceof Inbound.Frame frame) {
            Wire message = decode(frame);
            if (message.payload() instanceof Data data) {
                return new Stream.Element(message.header().name(), data);
            }
            if (message.payload() instanceof Failure failure) {
                throw communicationFailed("the daemon ended the stream with a failure: " + failure.message(), null);
            }
            throw communicationFailed("expected stream data, got " + message.payload(), null);
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
        write(WireCodec.encode(new Wire(header, command)),
                () -> describe(header) + " (" + command.getClass().getSimpleName() + ")");
        return header;
    }

    /** Sends one frame; {@code what} names it in the message of a failure, and is worded only then. */
    private void write(byte[] frame, Supplier<String> what) {
        try {
            connection.send(frame, timeout);
        } catch (InterruptedByTimeoutException notInTime) {
            throw communicationFailed("could not send " + what.get() + " within " + timeout.toMillis() + " ms", null);
        } catch (IOException failed) {
            throw communicationFailed("could not send " + what.get() + ": " + failed.getMessage(), failed);
        }
    }

    /** The reply to {@code request}, or to the certificate's command when {@code request} is null. */
    private Answer awaitReply(Header request) {
        Inbound next = next(timeout, () -> "a reply to " + describe(request));
        if (next instanceof Inbound.Frame frame) {
            Wire reply = decode(frame);
            if (request != null && !reply.header().equals(request)) {
                throw communicationFailed("the reply's header (sequence " + reply.header().sequence() + ", name "
                        + reply.header().name() + ") does not echo the request's (" + describe(request) + ")", null);
            }
            if (reply.payload() instanceof Success success) {
                return new Answer.Succeeded(success);
            }
            if (reply.payload() instanceof Failure failure) {
                return new Answer.Failed(failure.message());
            }
            throw communicationFailed("expected a reply to " + describe(request) + ", got " + reply.payload(), null);
        }
        if (next instanceof Inbound.Broken broken) {
            throw broken(broken);
        }
        throw communicationFailed("the daemon at " + peer + " closed the connection without replying to "
                + describe(request), null);
    }

    /**
     * Takes the next inbound event; once the connection has ended, every later call sees that same end. {@code
     * awaited} names what was waited for, in the message of a failure.
     */
    private Inbound next(Duration wait, Supplier<String> awaited) {
        if (terminal != null) {
            return terminal;
        }
        Inbound next;
        try {
            next = connection.next(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw communicationFailed("interrupted while waiting for " + awaited.get(), e);
        }
        if (next == null) {
            throw communicationFailed("no answer from the daemon at " + peer + " within " + wait.toMillis()
                    + " ms while waiting for " + awaited.get(), null);
        }
        if (!(next instanceof Inbound.Frame)) {
            terminal = next;
        }
        return next;
    }

    /** The message in a frame; a frame that holds none breaks the connection, as a broken pipe would. */
    private Wire decode(Inbound.Frame frame) {
        try {
            return WireCodec.decode(frame.body());
        } catch (ProtocolError undecodable) {
            Inbound.Broken broken = new Inbound.Broken(undecodable);
            terminal = broken;
            connection.close(timeout);
            throw broken(broken);
        }
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

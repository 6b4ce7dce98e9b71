package org.albatross.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/**
 * The launcher's training run (-Dalbatross.stop-when-ready), whose classes make the class-data archive: once the
 * daemon is ready, one {@code info} over its own socket, as a client's first command would come, so that the classes
 * that accept a connection and answer it are in the archive too, not only those that start the daemon.
 */
final class TrainingRun {
    private TrainingRun() {
    }

    static void askInfo(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] request = WireCodec.encode(new Wire(new Header(1, Name.ROOT), new UnikernelCommand.Info()));
            ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + request.length).putInt(request.length).put(request)
                    .flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            ByteBuffer length = readFully(channel, ByteBuffer.allocate(Integer.BYTES));
            WireCodec.decode(readFully(channel, ByteBuffer.allocate(length.getInt())).array());
        } catch (ProtocolError e) {
            throw new IOException("the training run's info was answered with something unreadable: "
                    + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the daemon closed the training run's connection");
            }
        }
        return buffer.flip();
    }
}

package org.albatross.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Payload;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.vmm.TestKernel;

/**
 * The launcher's training runs (-Dalbatross.stop-when-ready), whose classes make the class-data archive: once the
 * daemon is ready, one {@code info} over its own socket, as a client's first command would come, so that the classes
 * that accept a connection and answer it are in the archive too, not only those that start the daemon. A run before
 * it creates a unikernel ({@link #CREATE}) and leaves it running, so that the listed run's start adopts it, as a daemon
 * restarted over running unikernels does, and the classes of a restore are in the archive as well; the listed run
 * then destroys it ({@link #DESTROY}), which saves the state, as the first start over an empty dbdir does.
 */
final class TrainingRun {
    /** Names the unikernel this run creates from the test kernel, which the training's QEMU (a stand-in) runs. */
    static final String CREATE = "albatross.training-create";
    /** Names the unikernel this run destroys. */
    static final String DESTROY = "albatross.training-destroy";

    private TrainingRun() {
    }

    /** The info, then what the properties ask for (an empty one asks for nothing). */
    static void exercise(Path socket) throws IOException {
        askInfo(socket);
        Optional<Name> created = named(CREATE);
        if (created.isPresent()) {
            create(socket, created.get());
        }
        Optional<Name> destroyed = named(DESTROY);
        if (destroyed.isPresent()) {
            succeed("destroy", request(socket, destroyed.get(), new UnikernelCommand.Destroy()));
        }
    }

    private static Optional<Name> named(String property) {
        return Optional.ofNullable(System.getProperty(property)).filter(name -> !name.isEmpty()).map(Name::parse);
    }

    private static void askInfo(Path socket) throws IOException {
        request(socket, Name.ROOT, new UnikernelCommand.Info());
    }

    private static void create(Path socket, Name name) throws IOException {
        UnikernelArguments arguments = new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(), false,
                Set.of(), 16, Set.of(), Set.of(), Optional.of(List.of("forever")), 1, Optional.empty());
        succeed("create", request(socket, name, new UnikernelCommand.Create(new UnikernelConfig(UnikernelType.SOLO5,
                false, Octets.of(TestKernel.bytes()), arguments))));
    }

    private static void succeed(String command, Payload reply) throws IOException {
        if (reply instanceof Failure failure) {
            throw new IOException("the training run's " + command + " was refused: " + failure.message());
        }
    }

    private static Payload request(Path socket, Name name, Payload command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] request = WireCodec.encode(new Wire(new Header(1, name), command));
            ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + request.length).putInt(request.length).put(request)
                    .flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            ByteBuffer length = readFully(channel, ByteBuffer.allocate(Integer.BYTES));
            return WireCodec.decode(readFully(channel, ByteBuffer.allocate(length.getInt())).array()).payload();
        } catch (ProtocolError e) {
            throw new IOException("the training run's request was answered with something unreadable: "
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

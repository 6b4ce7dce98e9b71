package org.albatross.vmm;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads consoles when epoll says they have output: each FIFO's descriptor is registered, level-triggered, with the
 * event loop's epoll, so a thousand quiet consoles cost no wake-up at all, and one with output is read at once, at
 * most {@link #READ_PER_WAKE} a time (what is left wakes the loop again).
 */
final class EpollConsoleReader extends ConsoleReader {
    private static final Logger LOG = LoggerFactory.getLogger(EpollConsoleReader.class);
    private final ByteBuffer direct = ByteBuffer.allocateDirect(buffer.length);
    private final Map<ConsoleStream, IoRegistration> followed = new HashMap<>();

    EpollConsoleReader() {
        super(EpollIoHandler.newFactory());
    }

    static boolean available() {
        return Epoll.isAvailable() && Fifo.opensDescriptors();
    }

    /** Why {@link #available} is not. */
    static String unavailability() {
        return Epoll.isAvailable() ? "this JVM does not open sun.nio.fs, which gives a FIFO's descriptor ("
                + Fifo.OPENS_SUN_NIO_FS + ")"
                : "Netty's epoll transport is unavailable (" + Epoll.unavailabilityCause().getMessage() + ")";
    }

    @Override
    ConsoleFifo open(RunDirectory run) throws IOException {
        return new ConsoleFifo.Descriptor(run.console(), direct);
    }

    @Override
    void follow(ConsoleStream stream) {
        // Followed from now on, though registered only when the registration completes: unfollow may come first.
        followed.put(stream, null);
        loop.register(new Output(stream)).addListener(registered -> {
            if (!registered.isSuccess()) {
                LOG.warn("cannot wait on the console FIFO {} ({}): it is read when its tender ends",
                        stream.fifo().path(), registered.cause().getMessage());
                return;
            }
            IoRegistration registration = (IoRegistration) registered.getNow();
            if (!followed.containsKey(stream)) {
                registration.cancel();
                return;
            }
            followed.put(stream, registration);
            // Level-triggered: output written before this wakes the loop too, and so does what one wake-up left.
            registration.submit(EpollIoOps.EPOLLIN);
        });
    }

    @Override
    void unfollow(ConsoleStream stream) {
        IoRegistration registration = followed.remove(stream);
        if (registration != null) {
            registration.cancel();
        }
    }

    /** A FIFO as epoll sees it. */
    private final class Output implements EpollIoHandle {
        private final ConsoleStream stream;

        Output(ConsoleStream stream) {
            this.stream = stream;
        }

        @Override
        public FileDescriptor fd() {
            return ((ConsoleFifo.Descriptor) stream.fifo()).descriptor();
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            if (((EpollIoEvent) event).ops().contains(EpollIoOps.EPOLLERR)) {
                // Level-triggered, an error would wake the loop forever; a FIFO held open both ways has none.
                LOG.warn("the console FIFO {} reports an error: it is read again when its tender ends",
                        stream.fifo().path());
                unfollow(stream);
                return;
            }
            stream.drain(buffer, READ_PER_WAKE);
        }

        @Override
        public void close() {
            // The FIFO is its watch's to close: it outlives this reader when the daemon stops and its tender runs on.
        }
    }
}

package org.albatross.vmm;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every tender's console on one thread ({@code albatross-consoles}, a Netty event loop), line by line into its
 * sink, from when it is asked to until it is asked to end it, however many tenders run. Two ways of knowing that a
 * console has output: {@link EpollConsoleReader} waits on every FIFO at once, so quiet consoles cost nothing; where
 * Netty's epoll transport or the JDK's FIFO descriptors are missing, {@link PolledConsoleReader} looks at each on a
 * schedule that backs off while it is quiet.
 */
abstract sealed class ConsoleReader implements AutoCloseable permits EpollConsoleReader, PolledConsoleReader {
    /** How much one wake-up reads from one FIFO at most, so that a chatty tender cannot starve the others. */
    static final int READ_PER_WAKE = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleReader.class);
    private final MultiThreadIoEventLoopGroup group;
    /** The thread every console is read on: everything below runs there. */
    final IoEventLoop loop;
    final byte[] buffer = new byte[64 * 1024];

    ConsoleReader(IoHandlerFactory io) {
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("albatross-consoles", true), io);
        this.loop = (IoEventLoop) group.next();
        // Netty starts a loop's thread with its first task: started now, the thread is there from the daemon's start
        // (its count does not change with the first unikernel), and the first launch does not wait for it.
        loop.execute(() -> { });
    }

    /** The reader this host allows: woken by epoll where it can be. */
    static ConsoleReader start() {
        if (EpollConsoleReader.available()) {
            return new EpollConsoleReader();
        }
        LOG.info("consoles are polled, each at least once a second: {}", EpollConsoleReader.unavailability());
        return new PolledConsoleReader();
    }

    /** Opens the console FIFO of {@code run}, in the way this reader reads it. */
    abstract ConsoleFifo open(RunDirectory run) throws IOException;

    /** Reads {@code fifo} from now on, its lines into {@code sink}; returns at once. */
    final ConsoleStream read(ConsoleFifo fifo, Consumer<String> sink) {
        ConsoleStream stream = new ConsoleStream(fifo, sink);
        loop.execute(() -> follow(stream));
        return stream;
    }

    /**
     * Reads what is left of {@code stream}, closes its FIFO and then runs {@code then}, on this reader's thread, so
     * that whatever {@code then} tells comes after the console's last line. Returns at once.
     */
    final void end(ConsoleStream stream, Runnable then) {
        loop.execute(() -> {
            unfollow(stream);
            stream.end(buffer);
            then.run();
        });
    }

    /** Starts reading {@code stream} whenever it has output. On this reader's thread. */
    abstract void follow(ConsoleStream stream);

    /** Stops reading {@code stream}, followed or not. On this reader's thread. */
    abstract void unfollow(ConsoleStream stream);

    /** Stops reading; the FIFOs stay open, their owner's to close. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}

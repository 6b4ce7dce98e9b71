package org.albatross.vmm;

import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads consoles by looking: Linux raises no inotify event for a write to a FIFO, and without a FIFO's descriptor
 * nothing can wait on it, so each FIFO is asked how many bytes wait ({@code FIONREAD}) on its own schedule:
 * {@link #BUSY_POLL} after it had output, then twice as long after each quiet look, up to {@link #QUIET_POLL}. A
 * console that is printing is read within milliseconds; one quiet for a while at most as late as it has been quiet,
 * and never more than {@link #QUIET_POLL} late: a thousand idle consoles cost a thousand looks a second.
 */
final class PolledConsoleReader extends ConsoleReader {
    static final Duration BUSY_POLL = Duration.ofMillis(2);
    static final Duration QUIET_POLL = Duration.ofSeconds(1);
    private final Map<ConsoleStream, Schedule> followed = new HashMap<>();

    PolledConsoleReader() {
        super(NioIoHandler.newFactory());
    }

    @Override
    ConsoleFifo open(RunDirectory run) throws IOException {
        return new ConsoleFifo.Stream(run.console());
    }

    @Override
    void follow(ConsoleStream stream) {
        Schedule schedule = new Schedule();
        followed.put(stream, schedule);
        look(stream, schedule);
    }

    @Override
    void unfollow(ConsoleStream stream) {
        Schedule schedule = followed.remove(stream);
        if (schedule != null) {
            schedule.next.cancel(false);
        }
    }

    private void look(ConsoleStream stream, Schedule schedule) {
        boolean output = stream.drain(buffer, READ_PER_WAKE);
        schedule.interval = output ? BUSY_POLL.toNanos() : Math.min(2 * schedule.interval, QUIET_POLL.toNanos());
        schedule.next = loop.schedule(() -> look(stream, schedule), schedule.interval, TimeUnit.NANOSECONDS);
    }

    /** When a console is looked at next, and how long after the look before. */
    private static final class Schedule {
        long interval = BUSY_POLL.toNanos();
        ScheduledFuture<?> next;
    }
}

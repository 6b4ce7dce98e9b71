package org.albatross.daemon.events;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.albatross.protocol.Data;
import org.albatross.daemon.testing.LogCapture;
import org.albatross.protocol.Path;
import org.junit.jupiter.api.Test;

class EventSubscriptionTest {

    /** Seen in DispatcherFuzzTest's output: a close during the history read was logged as the subscriber failing. */
    @Test
    void closingWhileTheHistoryIsReadIsNoFailure() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        AtomicReference<Thread> deliverer = new AtomicReference<>();
        try (LogCapture capture = new LogCapture(EventSubscription.class)) {
            EventSubscription subscription = new EventSubscription(Path.ROOT, new Received(), 4, () -> {
                deliverer.set(Thread.currentThread());
                reading.countDown();
                return readUntilInterrupted();
            }, closed -> { });
            subscription.start();
            assertThat(reading.await(5, SECONDS)).isTrue();

            subscription.close();

            deliverer.get().join(SECONDS.toMillis(5));
            assertThat(deliverer.get().isAlive()).isFalse();
            assertThat(capture.messages(Level.WARN)).isEmpty();
        }
    }

    /** What reading a segment does when its thread is interrupted: the FileChannel closes and says so. */
    private static List<Data.EventEntry> readUntilInterrupted() {
        try {
            new CountDownLatch(1).await();
            throw new AssertionError("the history read was never interrupted");
        } catch (InterruptedException e) {
            throw new UncheckedIOException(new ClosedByInterruptException());
        }
    }
}

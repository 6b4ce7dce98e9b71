package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5: an exit with code K is an event with K; restart on failure with and without a matching code set. */
class ExitAndRestartIT {
    /** Long against the configured 50 ms restart backoff: a restart that is coming shows up well within it. */
    private static final Duration NO_RESTART_WINDOW = Duration.ofMillis(1500);

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    @Test
    void anExitWithCodeKIsAnEventWithK() {
        try (Stream events = albatrossd.events()) {
            create("exits-7", TestUnikernel.withArguments("lines=1", "exit=7"));

            Streams.readUntil(events, "the exit of exits-7 with code 7", Streams.exited("exits-7", 7));
        }
        assertThat(albatrossd.request(new UnikernelCommand.Info(), "exits-7").success())
                .as("a unikernel that quits on failure is gone once it exited")
                .isEqualTo(new Success.UnikernelInfos(List.of()));
    }

    @Test
    void anExitWithACodeInTheRestartSetRestartsTheUnikernel() {
        try (Stream events = albatrossd.events()) {
            create("restarts-on-3", TestUnikernel.withArguments("exit=3").restartingOn(3));

            Streams.readUntil(events, "the first exit", Streams.exited("restarts-on-3", 3));
            Streams.readUntil(events, "the restart", Streams.restarted("restarts-on-3"));
            Streams.readUntil(events, "the second exit", Streams.exited("restarts-on-3", 3));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "restarts-on-3");
        }
    }

    @Test
    void anEmptyRestartSetRestartsOnAnyCode() {
        try (Stream events = albatrossd.events()) {
            create("restarts-on-any", TestUnikernel.withArguments("exit=9").restartingOn());

            Streams.readUntil(events, "the exit", Streams.exited("restarts-on-any", 9));
            Streams.readUntil(events, "the restart", Streams.restarted("restarts-on-any"));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "restarts-on-any");
        }
    }

    @Test
    void anExitWithACodeOutsideTheRestartSetLeavesTheUnikernelDown() {
        try (Stream events = albatrossd.events()) {
            create("restarts-on-5", TestUnikernel.withArguments("exit=7").restartingOn(5));

            Streams.readUntil(events, "the exit", Streams.exited("restarts-on-5", 7));
            assertThat(Streams.readFor(events, NO_RESTART_WINDOW)).noneMatch(Streams.restarted("restarts-on-5"))
                    .noneMatch(start("restarts-on-5"));
        }
    }

    @Test
    void aBootLoopIsStoppedByTheRestartBudgetAndTheEventLogSaysSo() throws IOException {
        try (Stream events = albatrossd.events()) {
            create("loops", TestUnikernel.withArguments("exit=4").restartingOn(4));

            for (int restart = 1; restart <= DaemonFiles.RESTART_BUDGET; restart++) {
                Streams.readUntil(events, "restart " + restart, Streams.restarted("loops"));
            }
            List<Data> end = Streams.readUntil(events, "the spent budget", data -> data instanceof Data.EventEntry entry
                    && entry.event() instanceof Event.CommandRefused refused && refused.what().contains("loops")
                    && refused.why().contains("restart budget spent"));
            assertThat(end).noneMatch(Streams.restarted("loops"));
            assertThat(Streams.readFor(events, NO_RESTART_WINDOW)).noneMatch(Streams.restarted("loops"));
        }
        // info says so too: the stopped boot loop is listed without a start time until it is destroyed, also by
        // the next daemon, which does not start it again.
        assertStoppedAndNotRunning("loops");
        albatrossd.crashAndRestart();
        assertStoppedAndNotRunning("loops");
        assertThat(albatrossd.request(new UnikernelCommand.Destroy(), "loops")).isInstanceOf(Answer.Succeeded.class);
        assertThat(albatrossd.request(new UnikernelCommand.Info(), "loops").success())
                .isEqualTo(new Success.UnikernelInfos(List.of()));
    }

    @Test
    void destroyEndsABootLoopWhereverItIs() {
        try (Stream events = albatrossd.events()) {
            create("destroyed-loop", TestUnikernel.withArguments("exit=6").restartingOn(6));
            Streams.readUntil(events, "the first exit", Streams.exited("destroyed-loop", 6));

            assertThat(albatrossd.request(new UnikernelCommand.Destroy(), "destroyed-loop"))
                    .isInstanceOf(Answer.Succeeded.class);
            Instant destroyed = Instant.now();

            assertThat(Streams.readFor(events, NO_RESTART_WINDOW)).as("what the daemon did after the destroy")
                    .noneMatch(start("destroyed-loop").and(data -> ((Data.EventEntry) data).timestamp()
                            .isAfter(destroyed)));
        }
        assertThat(albatrossd.request(new UnikernelCommand.Info(), "destroyed-loop").success())
                .isEqualTo(new Success.UnikernelInfos(List.of()));
    }

    private static void assertStoppedAndNotRunning(String name) {
        Success.UnikernelInfos stopped = (Success.UnikernelInfos) albatrossd.request(new UnikernelCommand.Info(),
                name).success();
        assertThat(stopped.unikernels()).singleElement()
                .satisfies(named -> assertThat(named.info().running()).isFalse());
    }

    private static void create(String name, TestUnikernel kernel) {
        albatrossd.request(new UnikernelCommand.Create(kernel.config()), name).success();
    }

    private static Predicate<Data> start(String name) {
        return data -> data instanceof Data.EventEntry entry && entry.event() instanceof Event.UnikernelStart started
                && started.name().equals(Name.parse(name));
    }
}

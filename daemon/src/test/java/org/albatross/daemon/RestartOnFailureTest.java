package org.albatross.daemon;

import static org.albatross.daemon.testing.TestKernelConfigs.arguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.albatross.daemon.testing.RunningDaemon;
import org.albatross.daemon.testing.WireClient;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart on failure through the daemon: albatross's rules, then backoff and the restart budget. */
@QemuRequired
class RestartOnFailureTest {
    @TempDir
    Path directory;

    @Test
    void aBootLoopIsRestartedUntilItsBudgetIsSpentThenStaysDown() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(directory, Map.of("restart.initial-backoff", "10ms",
                "restart.max-backoff", "40ms", "restart.budget", "2"))) {
            try (WireClient console = daemon.client()) {
                console.send("loop", new ConsoleCommand.SubscribeCount(100));
                console.receive();
                assertThat(request(daemon, "loop", new UnikernelCommand.Create(failing("exit=3"))))
                        .isEqualTo(new Success.Message("created unikernel"));
                List<String> exits = new ArrayList<>();
                while (exits.size() < 3) {
                    String line = ((Data.ConsoleLine) console.receive().payload()).line();
                    if (line.equals("exit 3")) {
                        exits.add(line);
                    }
                }
            }
            awaitRefusal(daemon, "restart budget spent");
            assertThat(infos(daemon, "loop")).singleElement().satisfies(kept -> {
                assertThat(kept.info().running()).as("a stopped boot loop has no start time").isFalse();
                assertThat(kept.info().arguments()).contains(List.of("exit=3"));
            });
            assertThat(request(daemon, "loop", new UnikernelCommand.Destroy()))
                    .isEqualTo(new Success.Message("destroyed: removed stopped unikernel"));
            assertThat(infos(daemon, "loop")).isEmpty();
            assertThat(request(daemon, "loop", new UnikernelCommand.Destroy()))
                    .isEqualTo(new org.albatross.protocol.Failure("destroy: not found"));
        }
    }

    @Test
    void destroyWinsOverAPendingRestart() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(directory, Map.of("restart.initial-backoff", "1h",
                "restart.max-backoff", "1h"))) {
            assertThat(request(daemon, "pending", new UnikernelCommand.Create(failing("exit=5"))))
                    .isEqualTo(new Success.Message("created unikernel"));
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(infos(daemon, "pending"))
                    .singleElement().satisfies(waiting -> assertThat(waiting.info().running())
                            .as("waiting to restart, no start time").isFalse()));
            assertThat(request(daemon, "pending", new UnikernelCommand.Destroy()))
                    .isEqualTo(new Success.Message("destroyed: removed from restarting"));
            assertThat(request(daemon, "pending", new UnikernelCommand.Destroy()))
                    .isEqualTo(new org.albatross.protocol.Failure("destroy: not found"));
        }
    }

    private static UnikernelConfig failing(String... kernelArguments) {
        return new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(TestKernel.bytes()),
                arguments(new FailBehaviour.Restart(Set.of()), kernelArguments));
    }

    /** Reads the event log until a refusal whose reason starts with {@code why}: it is recorded once it is decided. */
    private static void awaitRefusal(RunningDaemon daemon, String why) throws Exception {
        try (WireClient events = daemon.client()) {
            events.send(":", new EventLogCommand.SubscribeCount(100));
            assertThat(events.receive().payload()).isEqualTo(new Success.Message("subscribed"));
            Event event;
            do {
                event = ((Data.EventEntry) events.receive().payload()).event();
            } while (!(event instanceof Event.CommandRefused refused && refused.why().startsWith(why)));
        }
    }

    private static List<Success.NamedUnikernelInfo> infos(RunningDaemon daemon, String name) throws Exception {
        return ((Success.UnikernelInfos) request(daemon, name, new UnikernelCommand.Info())).unikernels();
    }

    private static Payload request(RunningDaemon daemon, String name, Command command) throws Exception {
        try (WireClient client = daemon.client()) {
            client.send(name, command);
            return client.receive().payload();
        }
    }
}

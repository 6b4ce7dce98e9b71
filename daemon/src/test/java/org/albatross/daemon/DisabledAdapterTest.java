package org.albatross.daemon;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.albatross.daemon.testing.RunningDaemon;
import org.albatross.daemon.testing.WireClient;
import org.albatross.protocol.Command;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code adapters.*.enabled} switches: an image that needs a disabled adapter is refused before anything runs. */
class DisabledAdapterTest {
    @TempDir
    Path directory;

    @Test
    void aCreateWhoseImageNeedsADisabledAdapterFailsAndStartsNothing() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(directory, Map.of("adapters.qemu.enabled", "false"))) {
            assertThat(request(daemon, "refused", new UnikernelCommand.Create(testKernel("forever"))))
                    .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.message())
                            .contains("adapter qemu is disabled (adapters.qemu.enabled = false)"));

            assertThat(((Success.UnikernelInfos) request(daemon, "refused", new UnikernelCommand.Info()))
                    .unikernels()).isEmpty();
            assertThat(directory.resolve("tmp/run").toFile().list()).as("no run directory made, only the spawner program")
                    .containsExactly("albatross-spawner");
        }
    }

    private static Payload request(RunningDaemon daemon, String name, Command command) throws Exception {
        try (WireClient client = daemon.client()) {
            client.send(name, command);
            return client.receive().payload();
        }
    }
}

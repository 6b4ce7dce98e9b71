package org.albatross.daemon;

import static org.albatross.daemon.testing.TestKernelConfigs.arguments;
import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.daemon.testing.RunningDaemon;
import org.albatross.daemon.testing.WireClient;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies, block devices, get, restart and force-create over the socket, then the same state after a restart. */
@QemuRequired
class CommandsAndRestoreTest {
    private static final Policy TENANT = new Policy(2, Set.of(0), 128, Optional.of(10L), Set.of());

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedChangeIsThereAgainAfterTheDaemonRestarts() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(directory)) {
            try (WireClient client = daemon.client()) {
                client.send("tenant:", new PolicyCommand.Add(TENANT));
                assertThat(client.receive().payload()).isEqualTo(new Success.Message("added policy"));
                client.send("tenant:", new PolicyCommand.Add(TENANT));
                assertThat(client.receive().payload()).isEqualTo(new Success.Message("no modification of policy"));
            }
            assertThat(request(daemon, "tenant:disk", new BlockCommand.Add(2)))
                    .isEqualTo(new Success.Message("added block device"));
            assertThat(request(daemon, "tenant:huge", new BlockCommand.Add(20))).isInstanceOf(Failure.class);
            assertThat(request(daemon, "tenant:web", new UnikernelCommand.Create(testKernel("forever"))))
                    .isEqualTo(new Success.Message("created unikernel"));
            assertThat(request(daemon, "tenant:web", new UnikernelCommand.Get(0)))
                    .isEqualTo(new Success.UnikernelImage(false, Octets.of(TestKernel.bytes())));
            assertThat(request(daemon, "tenant:web", new UnikernelCommand.Restart(Optional.of(
                    arguments(new FailBehaviour.Quit(), "lines=2", "forever")))))
                    .isEqualTo(new Success.Message("created unikernel"));
            assertThat(request(daemon, "tenant:other", new UnikernelCommand.ForceCreate(testKernel("forever"))))
                    .isEqualTo(new Success.Message("created unikernel"));
            assertThat(request(daemon, "tenant:third", new UnikernelCommand.Create(testKernel("forever"))))
                    .isInstanceOf(Failure.class)
                    .satisfies(failure -> assertThat(((Failure) failure).message()).contains("unikernels"));
            assertThat(request(daemon, "tenant:other", new UnikernelCommand.Destroy()))
                    .isEqualTo(new Success.Message("destroyed unikernel"));
        }
        assertThat(directory.resolve("db/state")).exists();

        try (RunningDaemon daemon = RunningDaemon.start(directory)) {
            Success.UnikernelInfos infos = (Success.UnikernelInfos) request(daemon, "tenant:", new UnikernelCommand.Info());
            assertThat(infos.unikernels()).singleElement().satisfies(web -> {
                assertThat(web.name()).isEqualTo(Name.parse("tenant:web"));
                assertThat(web.info().arguments()).contains(List.of("lines=2", "forever"));
            });
            assertThat(request(daemon, "tenant:", new PolicyCommand.Info()))
                    .isEqualTo(new Success.Policies(List.of(new Success.NamedPolicy(Name.parse("tenant:"), TENANT))));
            assertThat(request(daemon, "tenant:", new BlockCommand.Info())).isEqualTo(new Success.BlockDevices(
                    List.of(new Success.BlockDevice(Name.parse("tenant:disk"), 2, false))));
            assertThat(Files.size(directory.resolve("db/block/tenant_disk"))).isEqualTo(2L * 1024 * 1024);

            assertThat(request(daemon, "tenant:", new PolicyCommand.Remove())).isInstanceOf(Failure.class);
            assertThat(request(daemon, "tenant:disk", new BlockCommand.Remove()))
                    .isEqualTo(new Success.Message("removed block"));
            assertThat(directory.resolve("db/block/tenant_disk")).doesNotExist();
        }
    }

    private static Payload request(RunningDaemon daemon, String name, Command command) throws Exception {
        try (WireClient client = daemon.client()) {
            client.send(name, command);
            return client.receive().payload();
        }
    }
}

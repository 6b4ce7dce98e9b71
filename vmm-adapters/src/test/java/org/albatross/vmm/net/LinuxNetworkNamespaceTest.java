package org.albatross.vmm.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.albatross.vmm.HostCommand;
import org.albatross.vmm.HostCommandFailed;
import org.albatross.vmm.ProcessLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real taps and a real bridge, inside a network namespace this test creates and removes. */
class LinuxNetworkNamespaceTest {
    private final String namespace = "albatross-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final HostCommand inNamespace = argv -> {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        wrapped.addAll(argv);
        return ProcessLauncher.SYSTEM.run(wrapped);
    };
    private final LinuxNetwork network = new LinuxNetwork(inNamespace);

    @BeforeEach
    void createNamespaceWithABridge() throws HostCommandFailed {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "network namespaces exist only on Linux");
        try {
            ProcessLauncher.SYSTEM.run(List.of("ip", "netns", "add", namespace));
        } catch (HostCommandFailed e) {
            assumeTrue(false, "skipped: cannot create a network namespace (needs root or CAP_SYS_ADMIN and"
                    + " iproute2; run as root to enable): " + e.getMessage());
        }
        inNamespace.run(List.of("ip", "link", "add", "br0", "type", "bridge"));
    }

    @AfterEach
    void removeNamespace() throws HostCommandFailed {
        if (ProcessLauncher.SYSTEM.run(List.of("ip", "netns", "list")).contains(namespace)) {
            ProcessLauncher.SYSTEM.run(List.of("ip", "netns", "del", namespace));
        }
    }

    @Test
    void createsAttachesAndRemovesTaps() throws HostCommandFailed {
        String first = network.createTap("br0");
        String second = network.createTap("br0");

        assertThat(List.of(first, second)).containsExactly("vmmtap0", "vmmtap1");
        assertThat(inNamespace.run(List.of("ip", "-o", "link", "show", "master", "br0")))
                .contains("vmmtap0:", "vmmtap1:");
        assertThat(inNamespace.run(List.of("ip", "-o", "link", "show", "dev", "vmmtap0"))).contains(",UP");

        network.removeTap(first);
        assertThat(inNamespace.run(List.of("ip", "-o", "link", "show"))).doesNotContain("vmmtap0:")
                .contains("vmmtap1:");
        assertThat(network.createTap("br0")).isEqualTo("vmmtap0");
    }

    @Test
    void discoversTheBridges() throws HostCommandFailed {
        inNamespace.run(List.of("ip", "link", "add", "service", "type", "bridge"));

        assertThat(network.bridges()).containsExactlyInAnyOrder("br0", "service");
    }

    @Test
    void refusesToAttachToAMissingBridgeAndLeavesNoTap() throws HostCommandFailed {
        assertThatThrownBy(() -> network.createTap("nobridge")).isInstanceOf(HostCommandFailed.class)
                .hasMessageContaining("master nobridge");
        assertThat(inNamespace.run(List.of("ip", "-o", "link", "show"))).doesNotContain("vmmtap");
    }
}

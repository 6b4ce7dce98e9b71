package org.albatross.vmm.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.albatross.vmm.HostCommandFailed;
import org.albatross.vmm.ScriptedHost;
import org.junit.jupiter.api.Test;

class LinuxNetworkTest {
    private static final List<String> LINKS = List.of("ip", "-o", "link", "show");
    private static final String TWO_TAPS = """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN\\    link/loopback 00:00:00:00:00:00
            2: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN\\    link/ether 6a:6d:4d:33:63:5a
            3: vmmtap0: <BROADCAST,MULTICAST,UP> mtu 1500 master br0 state DOWN\\    link/ether 6a:6d:4d:33:63:5a
            4: vmmtap2@if7: <BROADCAST,MULTICAST,UP> mtu 1500 master br0 state DOWN\\    link/ether 6a:6d:4d:33:63:5b
            """;

    @Test
    void createsTheLowestFreeTapAndAttachesIt() throws HostCommandFailed {
        ScriptedHost host = new ScriptedHost(Map.of(LINKS, TWO_TAPS));

        assertThat(new LinuxNetwork(host).createTap("br0")).isEqualTo("vmmtap1");
        assertThat(host.commands()).containsExactly(LINKS,
                List.of("ip", "tuntap", "add", "dev", "vmmtap1", "mode", "tap"),
                List.of("ip", "link", "set", "dev", "vmmtap1", "up"),
                List.of("ip", "link", "set", "dev", "vmmtap1", "master", "br0"));
    }

    @Test
    void removesTheTapWhenTheBridgeRefusesIt() {
        List<String> attach = List.of("ip", "link", "set", "dev", "vmmtap0", "master", "nobridge");
        ScriptedHost host = new ScriptedHost(Map.of(), List.of(attach));

        assertThatThrownBy(() -> new LinuxNetwork(host).createTap("nobridge")).isInstanceOf(HostCommandFailed.class)
                .hasMessageContaining("master nobridge` exited with 1");
        assertThat(host.commands()).endsWith(attach, List.of("ip", "tuntap", "del", "dev", "vmmtap0", "mode", "tap"));
    }

    @Test
    void findsBridges() throws HostCommandFailed {
        ScriptedHost host = new ScriptedHost(Map.of(List.of("ip", "-o", "link", "show", "type", "bridge"),
                "2: br0: <BROADCAST> mtu 1500\n5: service: <BROADCAST> mtu 1500\n"));

        assertThat(new LinuxNetwork(host).bridges()).containsExactlyInAnyOrder("br0", "service");
    }
}

package org.albatross.vmm.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.albatross.vmm.HostCommandFailed;
import org.albatross.vmm.ScriptedHost;
import org.junit.jupiter.api.Test;

class FreeBsdNetworkTest {

    @Test
    void clonesATapRenamesItToTheLowestFreeNameAndAddsItToTheBridge() throws HostCommandFailed {
        ScriptedHost host = new ScriptedHost(Map.of(List.of("ifconfig", "-l"), "em0 lo0 bridge0 vmmtap0 tap3\n",
                List.of("ifconfig", "tap", "create"), "tap4\n"));

        assertThat(new FreeBsdNetwork(host).createTap("bridge0")).isEqualTo("vmmtap1");
        assertThat(host.commands()).containsExactly(List.of("ifconfig", "-l"), List.of("ifconfig", "tap", "create"),
                List.of("ifconfig", "tap4", "name", "vmmtap1"), List.of("ifconfig", "vmmtap1", "up"),
                List.of("ifconfig", "bridge0", "addm", "vmmtap1"));
    }

    @Test
    void destroysTheClonedTapWhenItCannotBeRenamed() {
        List<String> rename = List.of("ifconfig", "tap0", "name", "vmmtap0");
        ScriptedHost host = new ScriptedHost(Map.of(List.of("ifconfig", "tap", "create"), "tap0\n"), List.of(rename));

        assertThatThrownBy(() -> new FreeBsdNetwork(host).createTap("bridge0"))
                .isInstanceOf(HostCommandFailed.class);
        assertThat(host.commands()).endsWith(rename, List.of("ifconfig", "tap0", "destroy"));
    }

    @Test
    void removesATap() throws HostCommandFailed {
        ScriptedHost host = new ScriptedHost(Map.of());
        new FreeBsdNetwork(host).removeTap("vmmtap3");

        assertThat(host.commands()).containsExactly(List.of("ifconfig", "vmmtap3", "destroy"));
    }

    @Test
    void findsBridgesByInterfaceGroup() throws HostCommandFailed {
        ScriptedHost host = new ScriptedHost(Map.of(List.of("ifconfig", "-g", "bridge"), "bridge0\nbridge1\n"));

        assertThat(new FreeBsdNetwork(host).bridges()).containsExactlyInAnyOrder("bridge0", "bridge1");
    }
}

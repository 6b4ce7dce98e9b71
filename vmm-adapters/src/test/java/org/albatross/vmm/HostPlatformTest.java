package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostPlatformTest {

    @Test
    void isKnownByItsOsName() {
        assertThat(HostPlatform.of("Linux")).isEqualTo(HostPlatform.LINUX);
        assertThat(HostPlatform.of("FreeBSD")).isEqualTo(HostPlatform.FREEBSD);
        assertThatThrownBy(() -> HostPlatform.of("Mac OS X"))
                .hasMessage("unikernels run on Linux or FreeBSD hosts, not on Mac OS X");
    }

    @Test
    void listsCpusInAscendingOrder() {
        assertThat(HostPlatform.cpuList(Set.of(3, 0, 1))).isEqualTo("0,1,3");
        assertThat(HostPlatform.cpuList(Set.of())).isEmpty();
    }
}

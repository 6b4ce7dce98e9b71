package org.albatross.vmm.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TapNamesTest {

    @Test
    void startsAtZero() {
        assertThat(TapNames.lowestFree(List.of("lo", "eth0", "br0"))).isEqualTo("vmmtap0");
    }

    @Test
    void takesTheLowestGap() {
        assertThat(TapNames.lowestFree(List.of("vmmtap0", "vmmtap2", "vmmtap1", "vmmtap4"))).isEqualTo("vmmtap3");
    }

    @Test
    void ignoresNamesThatOnlyLookAlike() {
        assertThat(TapNames.lowestFree(List.of("vmmtap", "vmmtapx", "vmmtap0a", "vmmtap99999999999")))
                .isEqualTo("vmmtap0");
    }
}

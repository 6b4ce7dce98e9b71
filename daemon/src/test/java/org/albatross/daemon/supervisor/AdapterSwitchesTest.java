package org.albatross.daemon.supervisor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.vmm.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AdapterSwitchesTest {

    @ParameterizedTest
    @CsvSource({
        "SOLO5_HVT, adapter solo5-hvt is disabled (adapters.solo5.hvt = false)",
        "SOLO5_SPT, adapter solo5-spt is disabled (adapters.solo5.spt = false)",
        "QEMU, adapter qemu is disabled (adapters.qemu.enabled = false)",
        "BHYVE, adapter bhyve is disabled (adapters.bhyve.enabled = false)",
        "XEN, adapter xen is disabled (adapters.xen.enabled = false)"
    })
    void aDisabledAdapterIsRefusedNamingItAndItsKey(Backend disabled, String message) {
        Set<Backend> others = EnumSet.complementOf(EnumSet.of(disabled));

        assertThatThrownBy(() -> new AdapterSwitches(others).admit(disabled)).isInstanceOf(CommandFailed.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEnabledAdapterIsAdmitted(Backend backend) {
        assertThatCode(() -> new AdapterSwitches(Set.of(backend)).admit(backend)).doesNotThrowAnyException();
    }
}

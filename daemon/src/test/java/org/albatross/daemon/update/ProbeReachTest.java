package org.albatross.daemon.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.albatross.protocol.Name;
import org.junit.jupiter.api.Test;

class ProbeReachTest {
    private static final Name TENANTS = Name.parse("alice:web");
    private static final Name OPERATORS = Name.parse("web");

    @Test
    void aTenantsProbeMayNotReachTheHostsOwnOrLinkLocalAddresses() throws Exception {
        for (String address : new String[] {"127.0.0.1", "127.8.0.1", "::1", "0.0.0.0", "169.254.169.254",
                "fe80::1", "224.0.0.1"}) {
            assertThat(ProbeReach.refusal(TENANTS, InetAddress.getByName(address))).as(address)
                    .hasValueSatisfying(why -> assertThat(why).endsWith("which a tenant's health check may not probe"));
        }
    }

    @Test
    void aTenantsProbeMayReachOtherAddresses() throws Exception {
        assertThat(ProbeReach.refusal(TENANTS, InetAddress.getByName("10.0.0.2"))).isEmpty();
        assertThat(ProbeReach.refusal(TENANTS, InetAddress.getByName("2001:db8::2"))).isEmpty();
    }

    @Test
    void theOperatorsOwnUnikernelsMayProbeTheLoopback() throws Exception {
        assertThat(ProbeReach.refusal(OPERATORS, InetAddress.getByName("127.0.0.1"))).isEmpty();
    }
}

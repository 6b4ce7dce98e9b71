package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.CertificateCommand;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomPolicyCommandsSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::policyCommand);
    }

    @Test
    void cpuidsAndBridgesAreWrittenInAscendingOrder() {
        Policy policy = new Policy(2, Set.of(3, 1, 2), 512, Optional.empty(), Set.of("b", "a"));

        byte[] bytes = WireCodec.encodeExtension(new CertificateCommand(new PolicyCommand.Add(policy)));

        assertThat(java.util.HexFormat.of().formatHex(bytes))
                .contains("3009020101020102020103")
                .contains("30060c01610c0162");
    }

    @Test
    void duplicatesInTheListsAreMerged() {
        byte[] bytes = Der.bytes(Der.sequence(Der.integer(5), Der.explicit(4, Der.explicit(1, Der.sequence(
                Der.sequenceOf(List.of(1, 1), Der::integer), Der.integer(1), Der.integer(64),
                Der.sequenceOf(List.of("br0", "br0"), Der::utf8))))));

        assertThat(WireCodec.decodeExtension(bytes).command())
                .isEqualTo(new PolicyCommand.Add(new Policy(1, Set.of(1), 64, Optional.empty(), Set.of("br0"))));
    }
}

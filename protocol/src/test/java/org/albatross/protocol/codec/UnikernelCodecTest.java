package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Header;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UnikernelCodecTest {
    private static final UnikernelArguments ARGUMENTS = new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(),
            true, Set.of(3), 64, Set.of(BlockAttachment.named("data")), Set.of(), Optional.empty(), 1, Optional.empty());

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomUnikernelCommandsSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::unikernelCommand);
    }

    @Test
    void anUpdateIsWrittenWithOurTagAndItsWatchAsDocumented() {
        UnikernelConfig config = new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(new byte[] {1}), ARGUMENTS);
        Wire wire = new Wire(new Header(0, Name.parse("web")), new UnikernelCommand.Update(config,
                Optional.of(new HealthWatch(new HealthCheck.TcpConnect("10.0.0.2", 80), 60))));

        byte[] bytes = WireCodec.encode(wire);

        // [3] unikernel, [30] update SEQUENCE { config, [0] SEQUENCE { [1] tcp SEQUENCE { "10.0.0.2", 80 }, 60 } }
        assertThat(HexFormat.of().formatHex(bytes)).containsPattern("a3..be..30")
                .endsWith("a0163014a10f300d0c0831302e302e302e3202015002013c");
        assertThat(WireCodec.decode(bytes)).isEqualTo(wire);
    }

    @Test
    void aRollbackIsOurTag29CarryingNothing() {
        Wire wire = new Wire(new Header(0, Name.parse("web")), new UnikernelCommand.Rollback());

        assertThat(HexFormat.of().formatHex(WireCodec.encode(wire))).endsWith("a304bd020500");
    }

    @Test
    void anAlbatross1CreateWithASingleCpuidIsReadIntoTheCurrentModel() {
        byte[] bytes = Malformed.command(3, Der.explicit(16, Der.sequence(
                UnikernelCodec.encode(UnikernelType.SOLO5), Der.bool(false), Der.octets(new byte[] {1}),
                Der.bool(true), Der.explicitNull(0), Der.integer(3), Der.integer(64),
                Der.explicit(0, Der.setOf(List.of("data"), name -> Der.sequence(Der.utf8(name)))))));

        assertThat(WireCodec.decode(bytes).payload()).isEqualTo(new UnikernelCommand.Create(
                new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(new byte[] {1}), ARGUMENTS)));
    }

    @Test
    void anAlbatross1RestartWithoutStartupAndAddNameIsRead() {
        byte[] bytes = Malformed.command(3, Der.explicit(14, Der.explicit(1, Der.sequence(
                Der.explicitNull(0), Der.integer(3), Der.integer(64),
                Der.explicit(0, Der.setOf(List.of("data"), name -> Der.sequence(Der.utf8(name))))))));

        assertThat(WireCodec.decode(bytes).payload()).isEqualTo(new UnikernelCommand.Restart(Optional.of(ARGUMENTS)));
    }

    @Test
    void olderFormsAreReadButTheCurrentTagIsWritten() {
        Wire create = new Wire(new Header(7, Name.parse(":foo")), new UnikernelCommand.Create(
                new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(new byte[] {1}), ARGUMENTS)));

        assertThat(HexFormat.of().formatHex(WireCodec.encode(create))).contains("a3" /* unikernel */)
                .contains("b4" /* [20] create */).doesNotContain("b0" /* [16] create-OLD2 */);
    }

    @Test
    void aUnikernelThatIsNotRunningHasNoStartTimeOnTheWire() {
        UnikernelInfo running = info(Instant.parse("2026-01-02T03:04:05Z"));
        UnikernelInfo down = info(UnikernelInfo.NOT_STARTED);

        assertThat(contextTags(running)).contains(3);
        assertThat(contextTags(down)).doesNotContain(3);
        assertThat(UnikernelCodec.decodeInfo(new Node(UnikernelCodec.encode(down), "info"))).isEqualTo(down)
                .extracting(UnikernelInfo::running).isEqualTo(false);
        assertThat(running.running()).isTrue();
    }

    private static List<Integer> contextTags(UnikernelInfo info) {
        return UnikernelCodec.encode(info).children().stream().filter(field -> field.tagClass() == DerValue.CONTEXT)
                .map(DerValue::tagNumber).toList();
    }

    private static UnikernelInfo info(Instant started) {
        return new UnikernelInfo(UnikernelType.SOLO5, Optional.empty(), new FailBehaviour.Quit(), Set.of(), 64,
                Octets.of(new byte[32]), Set.of(), Set.of(), Optional.empty(), started, 1, Optional.empty());
    }
}

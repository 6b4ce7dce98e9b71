package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our event log extension: the [2] command and the [2] data entries. */
class EventLogCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomEventLogCommandsSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::eventLogCommand);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomEventsSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, random -> new Data.EventEntry(random.instant(), random.event()));
    }

    @Test
    void subscribeCountIsTheSameShapeAlbatrossUsedBefore2021() {
        Wire wire = new Wire(new Header(0, Name.parse(":foo")), new EventLogCommand.SubscribeCount(20));

        assertThat(HexFormat.of().formatHex(WireCodec.encode(wire))).endsWith("a007a205a103020114");
    }

    @Test
    void aLoginIsWrittenAsDocumented() {
        Wire wire = new Wire(new Header(0, Name.parse("foo:")), new Data.EventEntry(Instant.parse("2025-01-01T00:00:00Z"),
                new Event.Login(new Event.Session(Path.of("foo"), BigInteger.valueOf(258), "192.0.2.1:4433"))));

        // [3] data, [2] event SEQUENCE { time, [1] login SEQUENCE { "foo:", 258, "192.0.2.1:4433" } }
        assertThat(HexFormat.of().formatHex(WireCodec.encode(wire))).endsWith(
                "a333a231302f180f32303235303130313030303030305a"
                        + "a11c301a0c04666f6f3a020201020c0e3139322e302e322e313a34343333");
    }

    @Test
    void theImportOfAnAlbatrossHostSurvivesTheRoundTrip() {
        Wire wire = new Wire(new Header(0, Name.ROOT), new Data.EventEntry(Instant.parse("2025-01-01T00:00:00Z"),
                new Event.StateImported("/var/lib/albatross/state", "/var/lib/albatross/state.albatross-20250101T000000Z",
                        "[6] unikernels and policies (albatross 2.x)", 3, 2, 1)));

        assertThat(WireCodec.decode(WireCodec.encode(wire))).isEqualTo(wire);
    }

    @Test
    void anUpdateAndItsRollbackSurviveTheRoundTrip() {
        Octets previous = Octets.of(new byte[32]);
        Octets image = Octets.of(HexFormat.of().parseHex("01".repeat(32)));
        for (Event event : List.of(new Event.UpdateStarted(Name.parse("a:web"), previous, image, "exit for 60 s"),
                new Event.UpdatePassed(Name.parse("a:web"), image, "it ran 60 s"),
                new Event.RolledBack(Name.parse("a:web"), image, previous, "tcp:10.0.0.2:80 failed"))) {
            Wire wire = new Wire(new Header(0, Name.ROOT), new Data.EventEntry(Instant.parse("2025-01-01T00:00:00Z"),
                    event));

            assertThat(WireCodec.decode(WireCodec.encode(wire))).isEqualTo(wire);
        }
    }
}

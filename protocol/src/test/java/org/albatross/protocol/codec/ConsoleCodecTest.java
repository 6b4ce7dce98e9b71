package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsoleCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomConsoleCommandsSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::consoleCommand);
    }

    @Test
    void aSubSecondSinceIsKeptToTheNanosecond() {
        Instant since = Instant.parse("2025-01-01T00:00:00.123456789Z");
        Wire wire = new Wire(new Header(1, Name.parse("foo")), new ConsoleCommand.SubscribeSince(since));

        byte[] bytes = WireCodec.encode(wire);

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)).contains("20250101000000.123456789Z");
        assertThat(WireCodec.decode(bytes).payload()).isEqualTo(new ConsoleCommand.SubscribeSince(since));
    }

    @Test
    void trailingZerosOfTheFractionAreDroppedAsDerRequires() {
        Instant since = Instant.parse("2025-01-01T00:00:00.500Z");
        byte[] bytes = WireCodec.encode(new Wire(new Header(1, Name.parse("foo")), new ConsoleCommand.SubscribeSince(since)));

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)).contains("20250101000000.5Z");
    }
}

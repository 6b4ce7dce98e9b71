package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.albatross.protocol.CertificateCommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** wire1.hex, wire2.hex and the extension value quoted in the vectors' README. */
class AlbatrossWireVectorsTest {

    @ParameterizedTest
    @CsvSource({"wire1.hex, :foo", "wire2.hex, :foo.bar"})
    void consoleSubscribeOfTheClientDecodesAndReencodesToTheSameBytes(String file, String name) {
        byte[] bytes = AlbatrossVectors.hex(file);

        Wire wire = WireCodec.decode(bytes);

        assertThat(wire.header().version()).isEqualTo(5);
        assertThat(wire.header().sequence()).isZero();
        assertThat(wire.header().name()).isEqualTo(Name.parse(name));
        assertThat(wire.header().name()).hasToString(name);
        assertThat(wire.payload()).isEqualTo(new ConsoleCommand.SubscribeCount(20));
        assertThat(WireCodec.encode(wire)).isEqualTo(bytes);
    }

    @Test
    void theExtensionValueOfChain1LeafIsVersion5ConsoleSubscribeCount20() {
        AlbatrossVectors.assumePresent();
        byte[] value = HexFormat.of().parseHex("300c020105a007a205a103020114");

        CertificateCommand extension = WireCodec.decodeExtension(value);

        assertThat(extension.version()).isEqualTo(5);
        assertThat(extension.command()).isEqualTo(new ConsoleCommand.SubscribeCount(20));
        assertThat(WireCodec.encodeExtension(extension)).isEqualTo(value);
    }
}

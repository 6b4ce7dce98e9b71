package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.AlbatrossState.Form;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;

/** The current form, which holds the policies too and which albatross 2.x writes, and the refusals of the codec. */
class AlbatrossStateCodecTest {
    private static final Policy ALICE = new Policy(2, Set.of(0, 1), 64, Optional.of(100L), Set.of("service"));
    private static final Policy ALICE_WEB = new Policy(1, Set.of(1), 32, Optional.empty(), Set.of());

    static UnikernelConfig config(byte[] image, Optional<Integer> startup) {
        return new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(image), new UnikernelArguments(
                new FailBehaviour.Restart(Set.of(1)), startup, false, Set.of(0), 32, Set.of(), Set.of(),
                Optional.of(List.of("--hello")), 1, Optional.empty()));
    }

    static AlbatrossState current() {
        return new AlbatrossState(Form.V5_WITH_POLICIES, List.of(
                new AlbatrossState.Unikernel(Name.parse("hello"), config(new byte[] {4}, Optional.empty())),
                new AlbatrossState.Unikernel(Name.parse("alice:web"), config(new byte[] {1, 2, 3}, Optional.of(10)))),
                Map.of(Path.of("alice"), ALICE, Path.of("alice", "web"), ALICE_WEB));
    }

    @Test
    void theCurrentFormCarriesUnikernelsAndPoliciesAndReadsBackEntryByEntry() {
        byte[] bytes = AlbatrossStateCodec.encode(current());

        AlbatrossStateCodec.Entries entries = AlbatrossStateCodec.entries(ByteBuffer.wrap(bytes));
        List<AlbatrossState.Entry> read = new ArrayList<>();
        entries.forEachRemaining(read::add);

        assertThat(bytes[0] & 0xFF).isEqualTo(0xA6);
        assertThat(entries.form()).isEqualTo(Form.V5_WITH_POLICIES);
        assertThat(read).containsExactly(
                new AlbatrossState.Unikernel(Name.parse(":hello"), config(new byte[] {4}, Optional.empty())),
                new AlbatrossState.Unikernel(Name.parse("alice:web"), config(new byte[] {1, 2, 3}, Optional.of(10))),
                new AlbatrossState.PolicyAt(Path.of("alice"), ALICE),
                new AlbatrossState.PolicyAt(Path.of("alice", "web"), ALICE_WEB));
        assertThat(AlbatrossStateCodec.decode(ByteBuffer.wrap(bytes))).isEqualTo(current());
    }

    @Test
    void policiesAreNamedAsAlbatrossNamesAPath() {
        String text = new String(AlbatrossStateCodec.encode(current()), java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(text).contains("alice:web:", "alice:", "alice:web");
    }

    @Test
    void aFileThatIsNotAlbatrossStateIsToldApartByItsFirstByte() {
        assertThat(AlbatrossStateCodec.startsLikeAlbatrossState((byte) 0xA0)).isTrue();
        assertThat(AlbatrossStateCodec.startsLikeAlbatrossState((byte) 0xA6)).isTrue();
        assertThat(AlbatrossStateCodec.startsLikeAlbatrossState((byte) 'A')).isFalse();
        assertThat(AlbatrossStateCodec.startsLikeAlbatrossState((byte) 0x30)).isFalse();
    }

    @Test
    void theEmptyFileIsRefused() {
        assertThatThrownBy(() -> AlbatrossStateCodec.decode(ByteBuffer.allocate(0)))
                .isInstanceOf(ProtocolError.class).hasMessage("state: the file is empty");
    }

    @Test
    void thePlaceholderFormIsRefusedAsAlbatrossRefusesIt() {
        byte[] placeholder = Der.bytes(Der.explicitNull(7));

        assertThatThrownBy(() -> AlbatrossStateCodec.decode(ByteBuffer.wrap(placeholder)))
                .isInstanceOf(ProtocolError.class).hasMessageContaining("form [7]");
    }

    @Test
    void anUnknownFormIsRefused() {
        byte[] unknown = HexFormat.of().parseHex("a9023000");

        assertThatThrownBy(() -> AlbatrossStateCodec.decode(ByteBuffer.wrap(unknown)))
                .isInstanceOf(ProtocolError.class).hasMessageContaining("unknown form [9]");
    }

    @Test
    void bytesAfterTheStateAreRefused() {
        byte[] state = AlbatrossStateCodec.encode(current());
        byte[] longer = java.util.Arrays.copyOf(state, state.length + 1);

        assertThatThrownBy(() -> AlbatrossStateCodec.decode(ByteBuffer.wrap(longer)))
                .isInstanceOf(ProtocolError.class).hasMessageContaining("trailing bytes: 1");
    }

    @Test
    void aNameTwiceIsRefusedAsAlbatrossRefusesIt() {
        AlbatrossState.Unikernel hello = new AlbatrossState.Unikernel(Name.parse("hello"),
                config(new byte[0], Optional.empty()));
        byte[] twice = Der.bytes(Der.explicit(6, Der.sequence(Der.sequenceOf(List.of(hello, hello),
                unikernel -> Der.sequence(Der.utf8(":hello"), UnikernelCodec.encode(unikernel.config()))),
                Der.sequence())));

        assertThatThrownBy(() -> AlbatrossStateCodec.decode(ByteBuffer.wrap(twice)))
                .isInstanceOf(ProtocolError.class).hasMessage("unikernels[1]: a second entry for :hello");
    }

    @Test
    void aUnikernelNamedByAPathIsRefused() {
        byte[] path = Der.bytes(Der.explicit(6, Der.sequence(Der.sequence(Der.sequence(Der.utf8("foo:"),
                UnikernelCodec.encode(config(new byte[0], Optional.empty())))), Der.sequence())));

        assertThatThrownBy(() -> AlbatrossStateCodec.decode(ByteBuffer.wrap(path)))
                .isInstanceOf(ProtocolError.class).hasMessageContaining("names a path, not a unikernel");
    }

    @Test
    void aFaultInsideAConfigNamesTheUnikernelAndTheField() {
        byte[] negative = Der.bytes(Der.explicit(2, Der.sequence(Der.sequence(Der.utf8(":web"), Der.sequence(
                Der.explicitNull(0), Der.bool(false), Der.octets(new byte[0]), Der.explicitNull(0), Der.integer(0),
                Der.integer(-1))))));

        assertThatThrownBy(() -> AlbatrossStateCodec.decode(ByteBuffer.wrap(negative)))
                .isInstanceOf(ProtocolError.class)
                .hasMessage("unikernels[0] :web.memory: integer -1 out of range 0..9223372036854775807");
    }

    @Test
    void onlyTheCurrentFormIsWritten() {
        AlbatrossState old = new AlbatrossState(Form.V3_UNIKERNELS, List.of(), Map.of());

        assertThatThrownBy(() -> AlbatrossStateCodec.encode(old)).isInstanceOf(IllegalArgumentException.class);
    }
}

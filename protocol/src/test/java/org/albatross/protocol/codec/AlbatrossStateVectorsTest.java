package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.AlbatrossState.Form;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * albatross's own state dumps (state/ in the vectors, read in place): each decodes to what the vectors' README says,
 * in the form its outer tag names, and no prefix of one decodes or fails otherwise than with a {@link ProtocolError}.
 */
class AlbatrossStateVectorsTest {
    private static final NetworkAttachment SERVICE = NetworkAttachment.named("service");
    private static final NetworkAttachment OTHER_NET = NetworkAttachment.named("other-net");
    private static final NetworkAttachment OTHER_NET_BRIDGED =
            new NetworkAttachment("other-net", Optional.of("second-bridge"), Optional.empty());
    private static final NetworkAttachment SERVICE_BRIDGED =
            new NetworkAttachment("service", Optional.of("bridge-interface"), Optional.empty());

    /** The README's foo entries, per layout: how blocks and networks look in it. */
    private enum Layout {
        V1(Set.of(BlockAttachment.named("block"), BlockAttachment.named("secondblock")), Set.of(SERVICE, OTHER_NET),
                Set.of(SERVICE)),
        V2(Set.of(BlockAttachment.named("block"), BlockAttachment.named("second-data")),
                Set.of(SERVICE, OTHER_NET_BRIDGED), Set.of(SERVICE_BRIDGED)),
        V3(Set.of(BlockAttachment.named("block"),
                new BlockAttachment("secondblock", Optional.of("second-data"), Optional.empty())),
                Set.of(SERVICE, OTHER_NET_BRIDGED), Set.of(SERVICE_BRIDGED));

        final Set<BlockAttachment> fooBlocks;
        final Set<NetworkAttachment> fooNets;
        final Set<NetworkAttachment> barNets;

        Layout(Set<BlockAttachment> fooBlocks, Set<NetworkAttachment> fooNets, Set<NetworkAttachment> barNets) {
            this.fooBlocks = fooBlocks;
            this.fooNets = fooNets;
            this.barNets = barNets;
        }
    }

    static byte[] dump(String file) {
        return Base64.getMimeDecoder().decode(AlbatrossVectors.text("state/" + file).strip());
    }

    @ParameterizedTest
    @CsvSource({
        "wire5_unikernel3.b64,          V3_UNIKERNELS, V3, ':foo.hello', ':foo.my.nice.unikernel', ':bar.hello', ':bar.my.nice.unikernel'",
        "wire5_unikernel3_path.b64,     V3_UNIKERNELS, V3, foo:hello, foo:my.nice.unikernel, bar:hello, bar:my.nice.unikernel",
        "wire4_unikernel3.b64,          V3_UNIKERNELS, V3, ':foo.hello', ':foo.my.nice.unikernel', ':bar.hello', ':bar.my.nice.unikernel'",
        "wire5_unikernel2.b64,          V2_UNIKERNELS, V2, ':foo.hello', ':foo.my.nice.unikernel', ':bar.hello', ':bar.my.nice.unikernel'",
        "wire5_unikernel2_path.b64,     V2_UNIKERNELS, V2, foo:hello, foo:my.nice.unikernel, bar:hello, bar:my.nice.unikernel",
        "wire4_unikernel2.b64,          V2_UNIKERNELS, V2, ':foo.hello', ':foo.my.nice.unikernel', ':bar.hello', ':bar.my.nice.unikernel'",
        "wire5_unikernel1.b64,          V1_UNIKERNELS, V1, ':foo.hello', ':foo.my.nice.unikernel', ':bar.hello', ':bar.my.nice.unikernel'",
        "wire5_unikernel1_path.b64,     V1_UNIKERNELS, V1, foo:hello, foo:my.nice.unikernel, bar:hello, bar:my.nice.unikernel",
        "wire4_unikernel1.b64,          V1_UNIKERNELS, V1, ':foo.hello', ':foo.my.nice.unikernel', ':bar.hello', ':bar.my.nice.unikernel'",
    })
    void eachDumpHoldsTheFourUnikernelsTheReadmeNames(String file, Form form, Layout layout, String foo1, String foo2,
            String bar1, String bar2) {
        AlbatrossState state = AlbatrossStateCodec.decode(ByteBuffer.wrap(dump(file)));

        assertThat(state.form()).isEqualTo(form);
        assertThat(state.policies()).isEmpty();
        Map<Name, UnikernelConfig> byName = byName(state);
        assertThat(byName).containsOnlyKeys(Name.parse(foo1), Name.parse(foo2), Name.parse(bar1), Name.parse(bar2));
        for (String foo : List.of(foo1, foo2)) {
            assertThat(byName.get(Name.parse(foo))).isEqualTo(config(0, 1, layout.fooBlocks, layout.fooNets,
                    Optional.of(List.of("-l *:debug"))));
        }
        for (String bar : List.of(bar1, bar2)) {
            assertThat(byName.get(Name.parse(bar))).isEqualTo(config(2, 10, Set.of(), layout.barNets,
                    Optional.empty()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = "wire5_unikernel3_with_mac.b64")
    void theDumpWithAMacGivesBarsServiceNetThatMac(String file) {
        Map<Name, UnikernelConfig> byName = byName(AlbatrossStateCodec.decode(ByteBuffer.wrap(dump(file))));

        NetworkAttachment withMac = new NetworkAttachment("service", Optional.of("bridge-interface"),
                Optional.of(MacAddress.parse("00:de:ad:be:ef:00")));
        assertThat(byName.get(Name.parse("bar:hello")).bridges()).containsExactly(withMac);
        assertThat(byName.get(Name.parse("bar:my.nice.unikernel")).bridges()).containsExactly(withMac);
        assertThat(byName.get(Name.parse("foo:hello")))
                .isEqualTo(config(0, 1, Layout.V3.fooBlocks, Layout.V3.fooNets, Optional.of(List.of("-l *:debug"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wire5_unikernel3.b64", "wire5_unikernel2_path.b64", "wire4_unikernel1.b64",
        "wire5_unikernel3_with_mac.b64"})
    void everyPrefixOfADumpIsRefusedWithAProtocolErrorThatSaysWhere(String file) {
        byte[] whole = dump(file);
        for (int length = 0; length < whole.length; length++) {
            ByteBuffer prefix = ByteBuffer.wrap(whole, 0, length);
            Throwable refused = catchThrowable(() -> AlbatrossStateCodec.decode(prefix));
            assertThat(refused).as("cut at %d", length).isInstanceOf(ProtocolError.class);
            assertThat(refused.getMessage()).as("cut at %d", length).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wire5_unikernel3_with_mac.b64", "wire4_unikernel2.b64"})
    void aDumpRewrittenInTheCurrentFormHoldsTheSameUnikernels(String file) {
        AlbatrossState old = AlbatrossStateCodec.decode(ByteBuffer.wrap(dump(file)));

        byte[] current = AlbatrossStateCodec.encode(new AlbatrossState(Form.V5_WITH_POLICIES, old.unikernels(),
                old.policies()));
        AlbatrossState again = AlbatrossStateCodec.decode(ByteBuffer.wrap(current));

        assertThat(again.form()).isEqualTo(Form.V5_WITH_POLICIES);
        assertThat(byName(again)).isEqualTo(byName(old));
    }

    private static Map<Name, UnikernelConfig> byName(AlbatrossState state) {
        return state.unikernels().stream()
                .collect(Collectors.toMap(AlbatrossState.Unikernel::name, AlbatrossState.Unikernel::config));
    }

    private static UnikernelConfig config(int cpu, long memory, Set<BlockAttachment> blocks,
            Set<NetworkAttachment> nets, Optional<List<String>> argv) {
        return new UnikernelConfig(UnikernelType.SOLO5, false, org.albatross.protocol.Octets.EMPTY,
                new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(), true, Set.of(cpu), memory, blocks,
                        nets, argv, 1, Optional.empty()));
    }
}

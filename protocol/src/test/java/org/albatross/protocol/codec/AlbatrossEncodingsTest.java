package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.CertificateCommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Statistics;
import org.albatross.protocol.Statistics.KinfoMem;
import org.albatross.protocol.Statistics.ResourceUsage;
import org.albatross.protocol.Statistics.Timeval;
import org.albatross.protocol.Statistics.VmmCounter;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.albatross.protocol.testing.AlbatrossVectors.EncodingRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of albatross's encodings.tsv against the value its description states, written out by hand below:
 * the bytes decode to that value, and that value encodes to exactly the bytes.
 */
class AlbatrossEncodingsTest {
    private static final Instant NEW_YEAR_2025 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Octets ABCD = Octets.ofHex("41424344");
    private static final Policy POLICY_WITH_BLOCK =
            new Policy(16, Set.of(0, 1), 1024, Optional.of(100L), Set.of("service"));
    private static final Policy POLICY_WITHOUT_BLOCK =
            new Policy(16, Set.of(0, 1), 1024, Optional.empty(), Set.of("service"));
    private static final ResourceUsage RUSAGE = new ResourceUsage(new Timeval(1, 500_000), new Timeval(0, 250_000),
            3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

    private static final Map<String, Object> EXPECTED = expectedValues();

    private static Map<String, Object> expectedValues() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("tests_ml_console_subscribe_foo", wire(0, ":foo", new ConsoleCommand.SubscribeCount(20)));
        expected.put("tests_ml_console_subscribe_foo_bar", wire(0, ":foo.bar", new ConsoleCommand.SubscribeCount(20)));
        expected.put("cmd_console_add", wire(0, ":foo", new ConsoleCommand.Add(3)));
        expected.put("cmd_console_subscribe_count", wire(1, ":foo", new ConsoleCommand.SubscribeCount(20)));
        expected.put("cmd_console_subscribe_since", wire(2, ":foo.bar", new ConsoleCommand.SubscribeSince(NEW_YEAR_2025)));
        expected.put("cmd_console_list_inactive", wire(3, "foo:", new ConsoleCommand.ListInactive()));
        expected.put("cmd_stats_remove", wire(5, ":foo", new StatsCommand.Remove()));
        expected.put("cmd_stats_subscribe", wire(6, "arc:foo", new StatsCommand.Subscribe()));
        expected.put("cmd_stats_initial", wire(7, ":foo", new StatsCommand.Initial()));
        expected.put("cmd_unikernel_info", wire(8, "foo:", new UnikernelCommand.Info()));
        expected.put("cmd_unikernel_destroy", wire(9, ":foo", new UnikernelCommand.Destroy()));
        expected.put("cmd_unikernel_get_0", wire(10, ":foo", new UnikernelCommand.Get(0)));
        expected.put("cmd_unikernel_get_9", wire(11, ":foo", new UnikernelCommand.Get(9)));
        expected.put("cmd_unikernel_restart_none", wire(12, ":foo", new UnikernelCommand.Restart(Optional.empty())));
        expected.put("cmd_unikernel_restart_args", wire(13, ":foo", new UnikernelCommand.Restart(Optional.of(
                new UnikernelArguments(new FailBehaviour.Restart(Set.of(1, 2)), Optional.empty(), true, Set.of(0), 64,
                        Set.of(), Set.of(), Optional.of(List.of("--foo")), 1, Optional.empty())))));
        expected.put("cmd_unikernel_create_full",
                wire(14, ":hello", new UnikernelCommand.Create(fullConfig(new FailBehaviour.Restart(Set.of(1, 3))))));
        expected.put("cmd_unikernel_create_full_quit",
                wire(16, ":hello", new UnikernelCommand.Create(fullConfig(new FailBehaviour.Quit()))));
        expected.put("cmd_unikernel_create_minimal", wire(18, "arc:hello", new UnikernelCommand.Create(minimalConfig())));
        expected.put("cmd_unikernel_force_create_minimal",
                wire(19, "arc:hello", new UnikernelCommand.ForceCreate(minimalConfig())));
        expected.put("cmd_policy_info", wire(21, "foo:", new PolicyCommand.Info()));
        expected.put("cmd_policy_add_block", wire(22, "foo:", new PolicyCommand.Add(POLICY_WITH_BLOCK)));
        expected.put("cmd_policy_add_noblock", wire(23, "foo:", new PolicyCommand.Add(POLICY_WITHOUT_BLOCK)));
        expected.put("cmd_policy_remove", wire(24, "foo:", new PolicyCommand.Remove()));
        expected.put("cmd_block_info", wire(25, ":disk1", new BlockCommand.Info()));
        expected.put("cmd_block_add", wire(26, ":disk1", new BlockCommand.Add(10)));
        expected.put("cmd_block_remove", wire(27, ":disk1", new BlockCommand.Remove()));
        expected.put("cmd_block_dump_0", wire(28, ":disk1", new BlockCommand.Dump(0)));
        expected.put("cmd_block_set_true", wire(29, ":disk1", new BlockCommand.Set(true)));
        expected.put("reply_success_empty", wire(31, ":foo", new Success.Empty()));
        expected.put("reply_success_string", wire(32, ":foo", new Success.Message("destroyed")));
        expected.put("reply_success_policies", wire(33, "foo:", new Success.Policies(List.of(
                new Success.NamedPolicy(Name.parse("foo:"), POLICY_WITH_BLOCK)))));
        expected.put("reply_success_block_devices", wire(34, ":foo", new Success.BlockDevices(List.of(
                new Success.BlockDevice(Name.parse(":disk1"), 10, true)))));
        expected.put("reply_success_unikernel_image", wire(35, ":foo", new Success.UnikernelImage(false, ABCD)));
        expected.put("reply_success_block_device_image", wire(36, ":disk1", new Success.BlockDeviceImage(true)));
        expected.put("reply_success_consoles", wire(37, "foo:",
                new Success.Consoles(List.of(Name.parse(":a"), Name.parse(":b")))));
        expected.put("reply_success_unikernel_info_empty", wire(39, "foo:", new Success.UnikernelInfos(List.of())));
        expected.put("reply_failure", wire(40, ":foo", new Failure("maximum amount of unikernels (1) reached")));
        expected.put("data_console", wire(41, ":foo", new Data.ConsoleLine(NEW_YEAR_2025, "hello")));
        expected.put("data_block_some", wire(42, ":disk1", new Data.BlockChunk(Octets.ofHex("616263"))));
        expected.put("data_block_eof", wire(43, ":disk1", new Data.BlockEnd()));
        expected.put("data_stats_minimal", wire(44, ":foo", new Data.StatisticsSample(
                new Statistics(RUSAGE, List.of(), Optional.empty(), Optional.empty()))));
        expected.put("data_stats_vmm", wire(46, ":foo", new Data.StatisticsSample(
                new Statistics(RUSAGE, List.of(), Optional.of(List.of(new VmmCounter("exits", 5))), Optional.empty()))));
        expected.put("data_stats_kinfo", wire(47, ":foo", new Data.StatisticsSample(new Statistics(RUSAGE, List.of(),
                Optional.empty(), Optional.of(new KinfoMem(1000, 200, 30, 40, 50, 60, 7, new Timeval(1735689600, 123)))))));
        expected.put("certext_policy_add_block", new CertificateCommand(new PolicyCommand.Add(POLICY_WITH_BLOCK)));
        expected.put("certext_policy_add_noblock", new CertificateCommand(new PolicyCommand.Add(POLICY_WITHOUT_BLOCK)));
        expected.put("certext_console_subscribe_count", new CertificateCommand(new ConsoleCommand.SubscribeCount(20)));
        expected.put("certext_policy_add_tests_ml", new CertificateCommand(new PolicyCommand.Add(
                new Policy(1, Set.of(0), 512, Optional.empty(), Set.of()))));
        return Map.copyOf(expected);
    }

    /** The config of cmd_unikernel_create_full*; blocks and bridges are sets, so their order does not matter. */
    private static UnikernelConfig fullConfig(FailBehaviour failBehaviour) {
        return new UnikernelConfig(UnikernelType.SOLO5, false, ABCD, new UnikernelArguments(failBehaviour,
                Optional.of(10), true, Set.of(0, 1), 32,
                Set.of(new BlockAttachment("storage", Optional.of("disk1"), Optional.of(512)), BlockAttachment.named("data")),
                Set.of(new NetworkAttachment("service", Optional.of("br0"), Optional.of(MacAddress.parse("00:80:41:aa:bb:cc"))),
                        NetworkAttachment.named("other")),
                Optional.of(List.of("-l", "*:debug")), 2, Optional.empty()));
    }

    private static UnikernelConfig minimalConfig() {
        return new UnikernelConfig(UnikernelType.SOLO5, false, ABCD, new UnikernelArguments(new FailBehaviour.Quit(),
                Optional.empty(), true, Set.of(0), 32, Set.of(), Set.of(), Optional.empty(), 1, Optional.empty()));
    }

    private static Wire wire(long sequence, String name, Payload payload) {
        return new Wire(new Header(sequence, Name.parse(name)), payload);
    }

    static Stream<EncodingRow> rows() {
        AlbatrossVectors.assumePresent();
        return AlbatrossVectors.encodings().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachRowDecodesToTheStatedValueAndThatValueEncodesToTheRowsBytes(EncodingRow row) {
        assertThat(EXPECTED).as("a hand-written expected value for row %s", row.id()).containsKey(row.id());
        Object expected = EXPECTED.get(row.id());
        if (expected instanceof Wire wire) {
            assertThat(WireCodec.decode(row.bytes())).isEqualTo(wire);
            assertThat(HexFormat.of().formatHex(WireCodec.encode(wire))).isEqualTo(row.hex());
        } else {
            CertificateCommand extension = (CertificateCommand) expected;
            assertThat(WireCodec.decodeExtension(row.bytes())).isEqualTo(extension);
            assertThat(HexFormat.of().formatHex(WireCodec.encodeExtension(extension))).isEqualTo(row.hex());
        }
    }

    @Test
    void everyHandWrittenValueHasItsRow() {
        AlbatrossVectors.assumePresent();
        assertThat(AlbatrossVectors.encodings().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }
}

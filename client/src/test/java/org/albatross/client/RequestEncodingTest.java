package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every subcommand's arguments, checked through the request {@code --socket -} prints instead of sending. */
class RequestEncodingTest {
    @TempDir
    Path dir;

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("destroy", "foo"), ":foo", new UnikernelCommand.Destroy()),
                Arguments.of(List.of("restart", "a:foo"), "a:foo", new UnikernelCommand.Restart(Optional.empty())),
                Arguments.of(List.of("info"), ":", new UnikernelCommand.Info()),
                Arguments.of(List.of("info", "a:"), "a:", new UnikernelCommand.Info()),
                Arguments.of(List.of("get", "foo"), ":foo", new UnikernelCommand.Get(0)),
                Arguments.of(List.of("console", "foo"), ":foo", new ConsoleCommand.SubscribeCount(20)),
                Arguments.of(List.of("console", "foo", "--count", "5"), ":foo", new ConsoleCommand.SubscribeCount(5)),
                Arguments.of(List.of("console", "foo", "--since", "2025-01-01T00:00:00Z"), ":foo",
                        new ConsoleCommand.SubscribeSince(Instant.parse("2025-01-01T00:00:00Z"))),
                Arguments.of(List.of("console", "foo", "--lines", "3"), ":foo", new ConsoleCommand.SubscribeCount(3)),
                Arguments.of(List.of("console", "foo", "--lines", "3", "--count", "9"), ":foo",
                        new ConsoleCommand.SubscribeCount(9)),
                Arguments.of(List.of("inactive-consoles"), ":", new ConsoleCommand.ListInactive()),
                Arguments.of(List.of("inactive-consoles", "a:b"), "a:b:", new ConsoleCommand.ListInactive()),
                Arguments.of(List.of("events", "--count", "3"), ":", new EventLogCommand.SubscribeCount(3)),
                Arguments.of(List.of("log", "--count", "3"), ":", new EventLogCommand.SubscribeCount(3)),
                Arguments.of(List.of("log", "-n", "a:b", "--since", "2025-01-01T00:00:00Z"), "a:b:",
                        new EventLogCommand.SubscribeSince(Instant.parse("2025-01-01T00:00:00Z"))),
                Arguments.of(List.of("stats-add", "42", "--name", "a:web", "--vmmdev", "solo5-a-web", "--bridge",
                        "service:tap3"), "a:web", new StatsCommand.Add("solo5-a-web", 42,
                                List.of(new StatsCommand.Tap("service", "tap3")))),
                Arguments.of(List.of("stats-add", "42"), ":", new StatsCommand.Add("", 42, List.of())),
                Arguments.of(List.of("stats-remove", "-n", "web"), ":web", new StatsCommand.Remove()),
                Arguments.of(List.of("events", "--lines", "2"), ":", new EventLogCommand.SubscribeCount(2)),
                Arguments.of(List.of("stats", "foo", "--once"), ":foo", new StatsCommand.Subscribe()),
                Arguments.of(List.of("policy"), ":", new PolicyCommand.Info()),
                Arguments.of(List.of("add-policy", "a", "--unikernels", "2", "--mem", "64", "--cpus", "0,1",
                        "--block", "10", "--bridge", "service"), "a:",
                        new PolicyCommand.Add(new Policy(2, Set.of(0, 1), 64, Optional.of(10L), Set.of("service")))),
                Arguments.of(List.of("replace-policy", "a", "2", "--mem", "64", "--cpu", "0", "--cpu", "1", "--size",
                        "10", "--network", "service"), "a:",
                        new PolicyCommand.Add(new Policy(2, Set.of(0, 1), 64, Optional.of(10L), Set.of("service")))),
                Arguments.of(List.of("remove-policy", "a:b"), "a:b:", new PolicyCommand.Remove()),
                Arguments.of(List.of("block"), ":", new BlockCommand.Info()),
                Arguments.of(List.of("create-block", "disk", "16"), ":disk", new BlockCommand.Add(16)),
                Arguments.of(List.of("destroy-block", "disk"), ":disk", new BlockCommand.Remove()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void eachSubcommandEncodesAlbatrossRequest(List<String> args, String name, Command expected) {
        Wire request = printed(args.toArray(String[]::new));

        assertThat(request.header().name()).isEqualTo(Name.parse(name));
        assertThat(request.header().sequence()).isZero();
        assertThat(request.payload()).isEqualTo(expected);
    }

    @Test
    void consoleFooIsByteForByteWhatAlbatrossPrints() throws IOException {
        String expected = AlbatrossVectors.text("wire1.hex").strip();

        ClientRun run = ClientRun.of("--socket", "-", "console", "foo");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo(expected);
    }

    /**
     * albatross's own encodings (encodings.tsv) of the commands albatross spells differently from us, from its
     * command lines: only the header's sequence number differs (ours 0, as albatross's client sends).
     */
    static Stream<Arguments> albatrossCommandLines() {
        return Stream.of(
                Arguments.of("cmd_stats_remove", List.of("stats-remove", "--name", "foo")),
                Arguments.of("cmd_policy_add_block", List.of("add-policy", "foo", "16", "--mem", "1024", "--cpu", "0",
                        "--cpu", "1", "--size", "100", "--bridge", "service")),
                Arguments.of("cmd_policy_add_noblock", List.of("replace-policy", "foo", "16", "--mem", "1024",
                        "--cpu", "0", "--cpu", "1", "--network", "service")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("albatrossCommandLines")
    void albatrossCommandLinesSendAlbatrossBytes(String vector, List<String> args) {
        Wire albatross = WireCodec.decode(AlbatrossVectors.encodings().get(vector).bytes());

        Wire ours = printed(args.toArray(String[]::new));

        assertThat(ours.header().name()).isEqualTo(albatross.header().name());
        assertThat(ours.payload()).isEqualTo(albatross.payload());
        assertThat(WireCodec.encode(new Wire(albatross.header(), ours.payload())))
                .isEqualTo(AlbatrossVectors.encodings().get(vector).bytes());
    }

    @Test
    void createAloneNamesTheUnikernelAfterItsImageAndDetectsSolo5() throws IOException {
        Path image = Files.write(dir.resolve("vm.img"), TestKernel.bytes());

        Wire request = printed("create", image.toString());

        assertThat(request.header().name()).isEqualTo(Name.parse("vm"));
        UnikernelConfig config = ((UnikernelCommand.Create) request.payload()).config();
        assertThat(config.typ()).isEqualTo(UnikernelType.SOLO5);
        assertThat(config.memoryMb()).isEqualTo(RunOptions.DEFAULT_MEMORY_MB);
        assertThat(config.cpuIds()).containsExactly(0);
        assertThat(config.failBehaviour()).isEqualTo(new FailBehaviour.Quit());
        assertThat(config.image().toByteArray()).isEqualTo(Files.readAllBytes(image));
    }

    @Test
    void createTakesAlbatrossFlags() throws IOException {
        Path image = Files.write(dir.resolve("vm.img"), TestKernel.bytes());

        Wire request = printed("create", image.toString(), "--name", "a:web", "--force", "--mem", "48", "--cpu", "1",
                "--arg", "--hello", "--restart-on-fail", "--exit-code", "3");

        assertThat(request.header().name()).isEqualTo(Name.parse("a:web"));
        UnikernelConfig config = ((UnikernelCommand.ForceCreate) request.payload()).config();
        assertThat(config.memoryMb()).isEqualTo(48);
        assertThat(config.cpuIds()).containsExactly(1);
        assertThat(config.arguments()).contains(List.of("--hello"));
        assertThat(config.failBehaviour()).isEqualTo(new FailBehaviour.Restart(Set.of(3)));
    }

    @Test
    void createTakesTheNameBeforeTheImageAsAlbatrossDoes() throws IOException {
        Path image = Files.write(dir.resolve("vm.img"), TestKernel.bytes());

        Wire request = printed("create", "a:web", image.toString());

        assertThat(request.header().name()).isEqualTo(Name.parse("a:web"));
        assertThat(((UnikernelCommand.Create) request.payload()).config().image().toByteArray())
                .isEqualTo(Files.readAllBytes(image));
    }

    @Test
    void aNameGivenBothWaysIsRefusedAsAUsageError() throws IOException {
        Path image = Files.write(dir.resolve("vm.img"), TestKernel.bytes());

        ClientRun run = ClientRun.of("--socket", "-", "create", "web", image.toString(), "--name", "other");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).contains("the name is given twice").hasLineCount(1);
    }

    @Test
    void anImageThatIsNotAUnikernelIsOneLineAndTheCliExitCode() throws IOException {
        Path notElf = Files.writeString(dir.resolve("notes.txt"), "hello");

        ClientRun run = ClientRun.of("--socket", "-", "create", notElf.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).startsWith("albatross-client: " + notElf + " is not a unikernel image")
                .doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void hexIsLowerCasePairsSeparatedBySpaces() {
        assertThat(Target.hex(HexFormat.of().parseHex("00ff1a"))).isEqualTo("00 ff 1a");
    }

    private static Wire printed(String... args) {
        return ClientRun.printed(args);
    }
}

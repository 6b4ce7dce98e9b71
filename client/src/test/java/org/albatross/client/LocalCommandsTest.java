package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.DeflaterOutputStream;
import org.albatross.client.transport.ScriptedDaemon;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands against a scripted daemon on a Unix socket: what they print, in words and in JSON, and their exit codes. */
class LocalCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UnikernelInfo FOO = new UnikernelInfo(UnikernelType.SOLO5, Optional.empty(),
            new FailBehaviour.Restart(Set.of(1)), Set.of(0), 32, Octets.ofHex("ab".repeat(32)), Set.of(), Set.of(),
            Optional.of(List.of("--hello")), Instant.parse("2025-01-01T00:00:00Z"), 1, Optional.empty());

    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("vmmd.sock");
    }

    private ScriptedDaemon answering(Success success, Data... data) {
        return ScriptedDaemon.listen(socket(), (context, frame) -> {
            Wire request = ScriptedDaemon.decode(frame);
            ScriptedDaemon.send(context, request.reply(success));
            for (Data element : data) {
                ScriptedDaemon.send(context, request.reply(element));
            }
        });
    }

    @Test
    void infoIsATableAndItsJsonCarriesTheSameValues() throws Exception {
        Success infos = new Success.UnikernelInfos(List.of(new Success.NamedUnikernelInfo(Name.parse("a:foo"), FOO)));
        try (ScriptedDaemon daemon = answering(infos)) {
            ClientRun human = ClientRun.of("info", "--socket", socket().toString());
            ClientRun json = ClientRun.of("info", "--socket", socket().toString(), "--json");

            assertThat(human.exit()).isZero();
            assertThat(human.out().lines().toList()).hasSize(2);
            assertThat(human.out()).startsWith("NAME").contains("a:foo", "solo5", "32", "restart",
                    "2025-01-01T00:00:00Z");
            JsonNode reply = JSON.readTree(json.out());
            assertThat(reply.get("kind").asText()).isEqualTo("unikernel-infos");
            JsonNode unikernel = reply.get("unikernels").get(0);
            assertThat(unikernel.get("name").asText()).isEqualTo("a:foo");
            assertThat(unikernel.get("info").get("typ").asText()).isEqualTo("SOLO5");
            assertThat(unikernel.get("info").get("memory_mb").asLong()).isEqualTo(32);
            assertThat(unikernel.get("info").get("fail_behaviour").get("restart_on").get(0).asInt()).isEqualTo(1);
            assertThat(unikernel.get("info").get("started").asText()).isEqualTo("2025-01-01T00:00:00Z");
            assertThat(unikernel.get("info").get("startup").isNull()).isTrue();
            assertThat(human.out()).contains(unikernel.get("info").get("digest").asText().substring(0, 16));
        }
    }

    @Test
    void policiesAndBlockDevicesPrintAsTablesAndJson() throws Exception {
        Success policies = new Success.Policies(List.of(new Success.NamedPolicy(Name.parse("a:"),
                new Policy(2, Set.of(0, 1), 64, Optional.of(10L), Set.of("service")))));
        try (ScriptedDaemon daemon = answering(policies)) {
            ClientRun human = ClientRun.of("policy", "--socket", socket().toString());
            ClientRun json = ClientRun.of("policy", "--socket", socket().toString(), "--json");

            assertThat(human.out()).contains("a:", "64", "0,1", "service");
            JsonNode policy = JSON.readTree(json.out()).get("policies").get(0);
            assertThat(policy.get("policy").get("unikernels").asInt()).isEqualTo(2);
            assertThat(policy.get("policy").get("block_mb").asLong()).isEqualTo(10);
        }
    }

    @Test
    void consoleFollowsTheStreamWithOneLinePerEntry() throws Exception {
        try (ScriptedDaemon daemon = answering(new Success.Empty(),
                new Data.ConsoleLine(Instant.parse("2025-01-01T00:00:01Z"), "hello from the kernel"),
                new Data.ConsoleLine(Instant.parse("2025-01-01T00:00:02Z"), "bye"))) {
            ClientRun human = ClientRun.of("console", "foo", "--lines", "2", "--socket", socket().toString());
            ClientRun json = ClientRun.of("console", "foo", "--lines", "2", "--socket", socket().toString(), "--json");

            assertThat(human.exit()).isZero();
            assertThat(human.out().lines()).containsExactly("2025-01-01T00:00:01Z hello from the kernel",
                    "2025-01-01T00:00:02Z bye");
            List<JsonNode> lines = json.out().lines().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }).toList();
            assertThat(lines).extracting(node -> node.get("line").asText()).containsExactly("hello from the kernel",
                    "bye");
            assertThat(lines.get(0).get("kind").asText()).isEqualTo("console-line");
            assertThat(lines.get(0).get("name").asText()).isEqualTo(":foo");
        }
    }

    @Test
    void aRefusalIsTheDaemonsReasonOnOneLineAndExitCode117() throws Exception {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> ScriptedDaemon.send(context,
                ScriptedDaemon.decode(frame).reply(new Failure("maximum amount of unikernels (2) reached"))))) {
            ClientRun run = ClientRun.of("destroy", "foo", "--socket", socket().toString());

            assertThat(run.exit()).isEqualTo(ExitCode.REMOTE_COMMAND_FAILED.code()).isEqualTo(117);
            assertThat(run.err()).isEqualTo("albatross-client: destroy foo: the daemon refused: maximum amount of"
                    + " unikernels (2) reached" + System.lineSeparator());
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aNameTheDaemonDoesNotKnowSaysWhereTheNamesAreListed() throws Exception {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> ScriptedDaemon.send(context,
                ScriptedDaemon.decode(frame).reply(new Failure(
                        ScriptedDaemon.decode(frame).payload() instanceof BlockCommand ? "remove block: not found"
                                : "destroy: not found"))))) {
            ClientRun unikernel = ClientRun.of("destroy", "foo", "--socket", socket().toString());
            ClientRun block = ClientRun.of("destroy-block", "disk", "--socket", socket().toString());

            assertThat(unikernel.exit()).isEqualTo(ExitCode.REMOTE_COMMAND_FAILED.code());
            assertThat(unikernel.err()).isEqualTo("albatross-client: destroy foo: the daemon refused: destroy: not"
                    + " found; albatross-client info lists the unikernels you may see" + System.lineSeparator());
            assertThat(block.err()).isEqualTo("albatross-client: destroy-block disk: the daemon refused: remove"
                    + " block: not found; albatross-client block lists the block devices you may see"
                    + System.lineSeparator());
        }
    }

    @Test
    void noDaemonIsConnectFailedWithoutAStackTraceUnlessVerbose() {
        ClientRun quiet = ClientRun.of("info", "--socket", socket().toString());
        ClientRun verbose = ClientRun.of("info", "--socket", socket().toString(), "--verbose");

        assertThat(quiet.exit()).isEqualTo(ExitCode.CONNECT_FAILED.code()).isEqualTo(122);
        assertThat(quiet.err()).hasLineCount(1).contains("cannot connect to " + socket(), "is albatrossd running?")
                .doesNotContain("Exception", "\tat ");
        assertThat(verbose.exit()).isEqualTo(122);
        assertThat(verbose.err()).contains("TransportError", "\tat ");
    }

    @Test
    void setBlockUploadsTheFileAsFramesEndedByAnEmptyOneWithNoProgressWhereStandardErrorIsNoTerminal()
            throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(content);
        AtomicReference<Wire> command = new AtomicReference<>();
        ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
        try (ScriptedDaemon daemon = settingBlocks(command, uploaded)) {
            Path source = Files.write(dir.resolve("in.img"), content);

            ClientRun set = ClientRun.of("set-block", "disk", source.toString(), "--socket", socket().toString());

            assertThat(set.exit()).isZero();
            assertThat(set.out().strip()).isEqualTo("set");
            assertThat(set.err()).isEmpty();
            assertThat(command.get().payload()).isEqualTo(new BlockCommand.Set(false));
            assertThat(uploaded.toByteArray()).isEqualTo(content);
        }
    }

    @Test
    void onATerminalSetBlockDrawsItsProgressOnStandardErrorAndEndsTheLineBeforeTheReply() throws Exception {
        try (ScriptedDaemon daemon = settingBlocks(new AtomicReference<>(), new ByteArrayOutputStream())) {
            Path source = Files.write(dir.resolve("in.img"), new byte[2 * 1024 * 1024]);

            ClientRun set = onATerminal(() -> ClientRun.of("set-block", "disk", source.toString(), "--socket",
                    socket().toString()));

            assertThat(set.exit()).isZero();
            assertThat(set.out().strip()).isEqualTo("set");
            assertThat(set.err()).startsWith("\r[").endsWith("] 100% of 2048 KiB" + System.lineSeparator());
        }
    }

    @Test
    void dumpBlockWritesTheStreamedChunksToTheFile() throws Exception {
        byte[] content = "block data".getBytes(StandardCharsets.US_ASCII);
        try (ScriptedDaemon daemon = answering(new Success.BlockDeviceImage(false),
                new Data.BlockChunk(Octets.of(content)), new Data.BlockChunk(Octets.of(content)),
                new Data.BlockEnd())) {
            Path target = dir.resolve("out.img");

            ClientRun dump = ClientRun.of("dump-block", "disk", target.toString(), "--socket", socket().toString(),
                    "--timeout", "5");

            assertThat(dump.exit()).isZero();
            assertThat(Files.readAllBytes(target)).isEqualTo((new String(content, StandardCharsets.US_ASCII)
                    .repeat(2)).getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aLongDumpCountsItsMibOnATerminalAndNothingElsewhere() throws Exception {
        Data.BlockChunk chunk = new Data.BlockChunk(Octets.of(new byte[512 * 1024]));
        try (ScriptedDaemon daemon = answering(new Success.BlockDeviceImage(false), chunk, chunk, chunk, chunk, chunk,
                new Data.BlockEnd())) {
            String[] dump = {"dump-block", "disk", dir.resolve("out.img").toString(), "--socket", socket().toString()};

            ClientRun piped = ClientRun.of(dump);
            ClientRun terminal = onATerminal(() -> ClientRun.of(dump));

            assertThat(piped.exit()).isZero();
            assertThat(piped.err()).isEmpty();
            assertThat(terminal.exit()).isZero();
            assertThat(terminal.err()).isEqualTo("\r1 MiB received\r2 MiB received" + System.lineSeparator());
        }
    }

    /** A stand-in daemon for set-block: keeps the command and the uploaded bytes, answers "set" after the end. */
    private ScriptedDaemon settingBlocks(AtomicReference<Wire> command, ByteArrayOutputStream uploaded) {
        return ScriptedDaemon.listen(socket(), (context, frame) -> {
            if (frame instanceof ByteBuf bytes && command.get() == null) {
                command.set(ScriptedDaemon.decode(bytes));
            } else if (frame instanceof ByteBuf bytes) {
                uploaded.writeBytes(ByteBufUtil.getBytes(bytes));
            } else {
                ScriptedDaemon.send(context, command.get().reply(new Success.Message("set")));
            }
        });
    }

    /** A run as bin/albatross-client starts the client when standard error is a terminal. */
    private static ClientRun onATerminal(Supplier<ClientRun> run) {
        System.setProperty(Output.STDERR_IS_TERMINAL, "true");
        try {
            return run.get();
        } finally {
            System.clearProperty(Output.STDERR_IS_TERMINAL);
        }
    }

    @Test
    void jsonInfoOfAUnikernelThatIsNotRunningHasNoStartTimeAndTheTableSaysSo() throws Exception {
        UnikernelInfo down = new UnikernelInfo(FOO.typ(), FOO.startup(), FOO.failBehaviour(), FOO.cpuIds(),
                FOO.memoryMb(), FOO.digest(), FOO.blockDevices(), FOO.bridges(), FOO.arguments(),
                UnikernelInfo.NOT_STARTED, FOO.numCpus(), FOO.linuxBootPartition());
        Success infos = new Success.UnikernelInfos(List.of(new Success.NamedUnikernelInfo(Name.parse("a:foo"), down)));
        try (ScriptedDaemon daemon = answering(infos)) {
            ClientRun human = ClientRun.of("info", "--socket", socket().toString());
            ClientRun json = ClientRun.of("info", "--socket", socket().toString(), "--json");

            assertThat(human.out()).contains("not running").doesNotContain("1970");
            JsonNode info = JSON.readTree(json.out()).get("unikernels").get(0).get("info");
            assertThat(info.has("started")).as("the field stays, so the shape is stable").isTrue();
            assertThat(info.get("started").isNull()).isTrue();
            assertThat(info.get("memory_mb").asLong()).isEqualTo(32);
        }
    }

    @Test
    void streamDataIsPrintedUnderTheNameItsHeaderCarries() throws Exception {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> {
            Wire request = ScriptedDaemon.decode(frame);
            ScriptedDaemon.send(context, request.reply(new Success.Message("subscribed")));
            ScriptedDaemon.send(context, new Wire(new Header(request.header().sequence(), Name.parse("foo")),
                    new Data.ConsoleLine(Instant.parse("2025-01-01T00:00:01Z"), "hello")));
        })) {
            ClientRun json = ClientRun.of("console", "a:foo", "--lines", "1", "--socket", socket().toString(),
                    "--json");

            assertThat(JSON.readTree(json.out()).get("name").asText()).isEqualTo(":foo");
        }
    }

    @Test
    void getWritesTheImageInflatedAndRefusesToOverwriteWithoutForce() throws Exception {
        byte[] image = "an image, an image, an image".getBytes(StandardCharsets.US_ASCII);
        Success compressed = new Success.UnikernelImage(true, Octets.of(deflated(image)));
        try (ScriptedDaemon daemon = answering(compressed)) {
            Path target = dir.resolve("foo.img");

            ClientRun first = ClientRun.of("get", "foo", "-o", target.toString(), "--socket", socket().toString());
            ClientRun again = ClientRun.of("get", "foo", "-o", target.toString(), "--socket", socket().toString());
            Files.writeString(target, "older");
            ClientRun forced = ClientRun.of("get", "foo", "-o", target.toString(), "--force", "--json",
                    "--socket", socket().toString());

            assertThat(first.exit()).isZero();
            assertThat(first.out().strip()).isEqualTo("wrote " + image.length + " bytes to " + target);
            assertThat(again.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
            assertThat(again.err()).hasLineCount(1).contains(target + " exists", "--force");
            assertThat(forced.exit()).isZero();
            assertThat(Files.readAllBytes(target)).isEqualTo(image);
            JsonNode written = JSON.readTree(forced.out());
            assertThat(written.get("kind").asText()).isEqualTo("written");
            assertThat(written.get("bytes").asLong()).isEqualTo(image.length);
        }
    }

    private static byte[] deflated(byte[] data) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
            zlib.write(data);
        }
        return out.toByteArray();
    }
}

package org.albatross.daemon.endpoint;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import org.albatross.daemon.testing.WithFakeDaemon;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local endpoint's pipeline in an EmbeddedChannel, over a daemon core that launches nothing. */
class CommandHandlerTest extends WithFakeDaemon {
    private static final int MAX_FRAME = 64 * 1024;

    private EmbeddedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = new EmbeddedChannel(new LocalEndpointInitializer(() -> daemon.dispatcher, MAX_FRAME));
    }

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void theReplyEchoesTheRequestHeaderAndAFinalReplyClosesTheConnection() {
        Header header = new Header(4711, Name.parse("foo:web"));
        send(new Wire(header, new UnikernelCommand.Create(testKernel("forever"))));
        Wire reply = reply();
        assertThat(reply).isEqualTo(new Wire(header, new Success.Message("created unikernel")));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void policyAddKeepsTheConnectionOpenForTheNextCommand() {
        Policy policy = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());
        send(new Wire(new Header(1, Name.parse("foo:")), new PolicyCommand.Add(policy)));
        assertThat(reply().payload()).isEqualTo(new Success.Message("added policy"));
        assertThat(channel.isOpen()).isTrue();
        send(new Wire(new Header(2, Name.parse("foo:")), new PolicyCommand.Info()));
        assertThat(reply().payload()).isInstanceOf(Success.Policies.class);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aFrameThatIsNotAMessageGetsAFailureAndTheConnectionCloses() {
        channel.writeInbound(frame(new byte[] {0x04, 0x01, 0x00}));
        Wire reply = reply();
        assertThat(reply.header()).isEqualTo(CommandHandler.UNKNOWN_REQUEST);
        assertThat(reply.payload()).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.message()).startsWith("malformed message: "));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anEmptyFrameThatEndsNoStreamGetsAFailureAndTheConnectionCloses() {
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        assertThat(reply()).isEqualTo(new Wire(CommandHandler.UNKNOWN_REQUEST, new Failure(CommandHandler.NO_STREAM)));
        assertThat(channel.isOpen()).isFalse();
        assertThat(daemon.saved).isEmpty();
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeItArrives() {
        channel.writeInbound(Unpooled.buffer().writeInt(MAX_FRAME + 1).writeBytes(new byte[16]));
        assertThat(reply().payload()).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.message()).contains("exceeds the limit of " + MAX_FRAME));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aReplyInPlaceOfACommandIsRefusedAndChangesNothing() {
        Header header = new Header(9, Name.parse("web"));
        send(new Wire(header, new Success.Message("created unikernel")));
        assertThat(reply()).isEqualTo(new Wire(header, new Failure("expected a command, got a success message")));
        assertThat(channel.isOpen()).isFalse();
        assertThat(daemon.saved).isEmpty();
    }

    @Test
    void aUnikernelCommandOnAPathIsRefusedWithTheNameItNeeds() {
        Header header = new Header(3, Name.parse("foo:"));
        send(new Wire(header, (Command) new UnikernelCommand.Destroy()));
        Payload payload = reply().payload();
        assertThat(payload).isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.message())
                .isEqualTo("the name \"foo:\" is a path; a unikernel needs a name with a label, e.g. \"foo:hello\""));
    }

    @Test
    void aBlockDumpStreamsTheDeviceInChunksThenItsEndThenCloses() throws Exception {
        daemon.supervisor.addBlock(Name.parse("disk"), 1).join();
        Header header = new Header(5, Name.parse("disk"));
        send(new Wire(header, new BlockCommand.Dump(0)));
        assertThat(reply()).isEqualTo(new Wire(header, new Success.BlockDeviceImage(false)));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Wire next = reply(); !(next.payload() instanceof Data.BlockEnd); next = reply()) {
            assertThat(next.header()).isEqualTo(header);
            data.write(((Data.BlockChunk) next.payload()).bytes().toByteArray());
        }
        assertThat(data.size()).isEqualTo(1024 * 1024);
        assertThat(data.toByteArray()).containsOnly(0);
        await().pollInSameThread().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5)).until(() -> {
            channel.runPendingTasks();
            return !channel.isOpen();
        });
    }

    @Test
    void aCompressedBlockDumpInflatesToTheDevice() throws Exception {
        daemon.supervisor.addBlock(Name.parse("disk"), 1).join();
        send(new Wire(new Header(6, Name.parse("disk")), new BlockCommand.Dump(9)));
        assertThat(reply().payload()).isEqualTo(new Success.BlockDeviceImage(true));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (Wire next = reply(); !(next.payload() instanceof Data.BlockEnd); next = reply()) {
            compressed.write(((Data.BlockChunk) next.payload()).bytes().toByteArray());
        }
        try (InflaterInputStream inflated = new InflaterInputStream(
                new java.io.ByteArrayInputStream(compressed.toByteArray()))) {
            assertThat(inflated.readAllBytes()).isEqualTo(new byte[1024 * 1024]);
        }
    }

    @Test
    void aBlockDumpOfAnUnknownDeviceIsAlbatrosssFailure() {
        send(new Wire(new Header(7, Name.parse("nothing")), new BlockCommand.Dump(0)));
        assertThat(reply().payload()).isEqualTo(new Failure("dump block: not found"));
    }

    @Test
    void aBlockSetReadsTheRawChunksThatFollowThenTheDumpGivesThemBack() throws Exception {
        daemon.supervisor.addBlock(Name.parse("disk"), 1).join();
        byte[] data = new byte[150_000];
        new java.util.Random(42).nextBytes(data);
        Header header = new Header(8, Name.parse("disk"));
        send(new Wire(header, new BlockCommand.Set(false)));
        channel.writeInbound(frame(java.util.Arrays.copyOfRange(data, 0, 60_000)));
        channel.writeInbound(frame(java.util.Arrays.copyOfRange(data, 60_000, 120_000)));
        channel.writeInbound(frame(java.util.Arrays.copyOfRange(data, 120_000, data.length)));
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        assertThat(reply()).isEqualTo(new Wire(header, new Success.Message("set block device")));

        byte[] device = java.nio.file.Files.readAllBytes(directory.resolve("block/disk"));
        assertThat(device).hasSize(1024 * 1024);
        assertThat(java.util.Arrays.copyOf(device, data.length)).isEqualTo(data);
        assertThat(java.util.Arrays.copyOfRange(device, data.length, device.length)).containsOnly(0);
    }

    @Test
    void aCompressedBlockSetIsInflatedAndDataBeyondTheDeviceIsRefused() throws Exception {
        daemon.supervisor.addBlock(Name.parse("disk"), 1).join();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream zlib = new java.util.zip.DeflaterOutputStream(compressed)) {
            zlib.write(new byte[2 * 1024 * 1024]);
        }
        send(new Wire(new Header(9, Name.parse("disk")), new BlockCommand.Set(true)));
        channel.writeInbound(frame(compressed.toByteArray()));
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        assertThat(reply().payload()).isEqualTo(new Failure("data exceeds block size"));
        assertThat(directory.resolve("block/disk.incoming")).doesNotExist();
    }

    @Test
    void aRefusedBlockSetReadsWhatItsClientStillSendsAndClosesAtItsEnd() {
        // Closing with the client's data unread would reset the connection and lose the refusal on its way.
        send(new Wire(new Header(10, Name.parse("nothing")), new BlockCommand.Set(false)));
        assertThat(reply().payload()).isEqualTo(new Failure("set block: not found"));
        assertThat(channel.isOpen()).as("open while the client still streams").isTrue();

        channel.writeInbound(frame(new byte[4096]));
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("open after a chunk of the refused stream").isTrue();
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("closed at the client's end of the stream").isFalse();
        assertThat(channel.<Object>readOutbound()).as("nothing written after the refusal").isNull();
    }

    private void send(Wire wire) {
        channel.writeInbound(frame(WireCodec.encode(wire)));
    }

    private static ByteBuf frame(byte[] bytes) {
        return Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes);
    }

    private Wire reply() {
        // The channel is touched only by this thread: EmbeddedChannel is not thread-safe.
        ByteBuf framed = await().pollInSameThread().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofMinutes(1)).until(() -> {
            channel.runPendingTasks();
            return channel.<ByteBuf>readOutbound();
        }, buffer -> buffer != null);
        try {
            int length = framed.readInt();
            assertThat(length).isEqualTo(framed.readableBytes());
            return WireCodec.decode(ByteBufUtil.getBytes(framed));
        } finally {
            framed.release();
        }
    }
}

package org.albatross.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.netty.EndOfStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTransportTest {
    private static final Name HELLO = Name.parse("hello");
    private static final Duration SHORT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("vmmd.sock");
    }

    @Test
    void aRequestGetsTheReplyThatEchoesItsHeader() {
        List<Header> seen = new CopyOnWriteArrayList<>();
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> {
            Wire request = ScriptedDaemon.decode(frame);
            seen.add(request.header());
            ScriptedDaemon.send(context, request.reply(new Success.Message("destroyed")));
        });
                Session session = LocalTransport.connect(socket())) {
            Answer first = session.request(new UnikernelCommand.Destroy(), HELLO);
            Answer second = session.request(new UnikernelCommand.Info(), Name.parse("other"));

            assertThat(first).isEqualTo(new Answer.Succeeded(new Success.Message("destroyed")));
            assertThat(second.success()).isEqualTo(new Success.Message("destroyed"));
            assertThat(seen).containsExactly(new Header(1, HELLO), new Header(2, Name.parse("other")));
        }
    }

    @Test
    void aFailureReplyCarriesTheDaemonsReasonAndRefusesToActAsSuccess() {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> ScriptedDaemon.send(context,
                ScriptedDaemon.decode(frame).reply(new Failure("policy: no memory left"))));
                Session session = LocalTransport.connect(socket())) {
            Answer reply = session.request(new UnikernelCommand.Info(), HELLO);

            assertThat(reply).isEqualTo(new Answer.Failed("policy: no memory left"));
            assertThatThrownBy(reply::success).isInstanceOf(CommandRefused.class)
                    .hasMessage("policy: no memory left");
        }
    }

    @Test
    void aReplyWithAnotherSequenceNumberIsACommunicationFailure() {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> ScriptedDaemon.send(context,
                new Wire(new Header(99, HELLO), new Success.Empty())));
                Session session = LocalTransport.connect(socket())) {
            assertThatThrownBy(() -> session.request(new UnikernelCommand.Info(), HELLO))
                    .isInstanceOfSatisfying(TransportError.class, error -> assertThat(error.reason())
                            .isEqualTo(TransportError.Reason.COMMUNICATION_FAILED))
                    .hasMessageContaining("sequence 99")
                    .hasMessageContaining("does not echo the request's (request 1 for \":hello\")");
        }
    }

    @Test
    void aConnectionClosedWithoutReplyIsACommunicationFailure() {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> context.close());
                Session session = LocalTransport.connect(socket())) {
            assertThatThrownBy(() -> session.request(new UnikernelCommand.Info(), HELLO))
                    .isInstanceOf(TransportError.class)
                    .hasMessage("the daemon at " + socket() + " closed the connection without replying to request 1"
                            + " for \":hello\"");
        }
    }

    @Test
    void noReplyWithinTheTimeoutIsACommunicationFailure() {
        // the first session's request is answered, so both sides' codecs are loaded and warm, however slow the
        // machine, when the second session's request is timed
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> {
            Wire request = ScriptedDaemon.decode(frame);
            if (request.header().name().equals(HELLO)) {
                ScriptedDaemon.send(context, request.reply(new Success.Empty()));
            }
        })) {
            try (Session warmUp = LocalTransport.connect(socket())) {
                warmUp.request(new UnikernelCommand.Info(), HELLO);
            }
            try (Session session = LocalTransport.connect(socket(), SHORT)) {
                assertThatThrownBy(() -> session.request(new UnikernelCommand.Info(), Name.parse("silent")))
                        .isInstanceOf(TransportError.class)
                        .hasMessageContaining("no answer from the daemon at " + socket() + " within 1000 ms");
            }
        }
    }

    @Test
    void anUndecodableReplyBreaksTheConnection() {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) ->
                context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x30, 0x03, 0x02, 0x01, 0x04})));
                Session session = LocalTransport.connect(socket())) {
            assertThatThrownBy(() -> session.request(new UnikernelCommand.Info(), HELLO))
                    .isInstanceOf(TransportError.class)
                    .hasMessageContaining("the connection to " + socket() + " broke");
        }
    }

    @Test
    void aMissingSocketSaysSoAndAsksWhetherTheDaemonRuns() {
        assertThatThrownBy(() -> LocalTransport.connect(socket()))
                .isInstanceOfSatisfying(TransportError.class, error -> assertThat(error.reason())
                        .isEqualTo(TransportError.Reason.CONNECTION_FAILED))
                .hasMessage("cannot connect to " + socket() + ": no such file - is albatrossd running?");
    }

    @Test
    void aSocketNobodyListensOnRefusesTheConnection() throws IOException {
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket()));
        }

        assertThatThrownBy(() -> LocalTransport.connect(socket()))
                .isInstanceOf(TransportError.class)
                .hasMessage("cannot connect to " + socket() + ": connection refused - is albatrossd running?");
    }

    @Test
    void aStreamYieldsItsDataUntilTheDaemonEndsIt() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> {
            Wire request = ScriptedDaemon.decode(frame);
            ScriptedDaemon.send(context, request.reply(new Success.Message("subscribed")));
            ScriptedDaemon.send(context, request.reply(new Data.ConsoleLine(now, "line 1")));
            ScriptedDaemon.send(context, request.reply(new Data.ConsoleLine(now, "line 2")));
            context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
                Stream stream = LocalTransport.connect(socket()).open(new ConsoleCommand.SubscribeCount(2), HELLO)) {
            assertThat(stream.reply()).isEqualTo(new Answer.Succeeded(new Success.Message("subscribed")));
            assertThat(stream.next()).contains(new Data.ConsoleLine(now, "line 1"));
            assertThat(stream.next()).contains(new Data.ConsoleLine(now, "line 2"));
            assertThat(stream.next()).isEmpty();
            assertThat(stream.next()).as("an ended stream stays ended").isEmpty();
        }
    }

    @Test
    void aStreamTheDaemonRefusesEndsAfterItsFailure() {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> context.writeAndFlush(
                Unpooled.wrappedBuffer(WireCodec.encode(ScriptedDaemon.decode(frame).reply(
                        new Failure("dump block: not found"))))).addListener(ChannelFutureListener.CLOSE));
                Stream stream = LocalTransport.connect(socket()).open(new BlockCommand.Dump(0), HELLO)) {
            assertThat(stream.reply()).isEqualTo(new Answer.Failed("dump block: not found"));
            assertThat(stream.next()).isEmpty();
        }
    }

    @Test
    void closingAStreamFromAnotherThreadEndsTheWaitOfTheThreadReadingIt() throws Exception {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> ScriptedDaemon.send(context,
                ScriptedDaemon.decode(frame).reply(new Success.Message("subscribed"))))) {
            Stream stream = LocalTransport.connect(socket()).open(new ConsoleCommand.SubscribeCount(0), HELLO);
            AtomicReference<Object> read = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    read.set(stream.next(Duration.ofDays(1)));
                } catch (RuntimeException failed) {
                    read.set(failed);
                }
            }, "reader");
            reader.start();
            await("the reader waits in the selector").atMost(Duration.ofSeconds(30))
                    .until(() -> Arrays.stream(reader.getStackTrace())
                            .anyMatch(frame -> frame.getMethodName().startsWith("select")));

            stream.close();
            reader.join(Duration.ofSeconds(30).toMillis());

            assertThat(reader.isAlive()).isFalse();
            assertThat(read.get()).as("the stream has ended, nothing thrown").isEqualTo(Optional.empty());
        }
    }

    @Test
    void aFailureInTheMiddleOfAStreamIsACommunicationFailureWithTheDaemonsReason() {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> {
            Wire request = ScriptedDaemon.decode(frame);
            ScriptedDaemon.send(context, request.reply(new Success.BlockDeviceImage(false)));
            ScriptedDaemon.send(context, request.reply(new Failure("error reading block device")));
        });
                Stream stream = LocalTransport.connect(socket()).open(new BlockCommand.Dump(0), HELLO)) {
            assertThatThrownBy(stream::next).isInstanceOf(TransportError.class)
                    .hasMessage("the daemon ended the stream with a failure: error reading block device");
        }
    }

    @Test
    void aStreamThatSendsNothingInTimeIsACommunicationFailure() {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> ScriptedDaemon.send(context,
                ScriptedDaemon.decode(frame).reply(new Success.Message("waiting for VM"))));
                Stream stream = LocalTransport.connect(socket()).open(new ConsoleCommand.SubscribeCount(2), HELLO)) {
            assertThat(stream.reply().success()).isEqualTo(new Success.Message("waiting for VM"));
            assertThatThrownBy(() -> stream.next(SHORT)).isInstanceOf(TransportError.class)
                    .hasMessageContaining("within 1000 ms while waiting for the next data of the stream");
        }
    }

    @Test
    void anUploadSendsTheCommandThenRawFramesEndedByAnEmptyOne() throws IOException {
        long seed = System.nanoTime();
        System.out.println("upload seed " + seed);
        byte[] data = new byte[2 * Session.UPLOAD_CHUNK + new Random(seed).nextInt(Session.UPLOAD_CHUNK)];
        new Random(seed).nextBytes(data);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<Integer> frameSizes = new CopyOnWriteArrayList<>();
        Wire[] command = new Wire[1];
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> {
            if (command[0] == null) {
                command[0] = ScriptedDaemon.decode(frame);
            } else if (frame instanceof ByteBuf chunk) {
                frameSizes.add(chunk.readableBytes());
                received.writeBytes(ByteBufUtil.getBytes(chunk));
            } else if (frame == EndOfStream.INSTANCE) {
                ScriptedDaemon.send(context, command[0].reply(new Success.Message("set")));
            }
        });
                Session session = LocalTransport.connect(socket())) {
            Answer reply = session.upload(new BlockCommand.Set(false), HELLO, new ByteArrayInputStream(data));

            assertThat(reply.success()).isEqualTo(new Success.Message("set"));
            assertThat(command[0].payload()).isEqualTo(new BlockCommand.Set(false));
            assertThat(received.toByteArray()).isEqualTo(data);
            assertThat(frameSizes).hasSize(3).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(
                    Session.UPLOAD_CHUNK));
        }
    }

    @Test
    void anUploadTheDaemonRefusesAtOnceGetsItsFailureRatherThanABrokenPipe() throws IOException {
        try (ScriptedDaemon daemon = ScriptedDaemon.listen(socket(), (context, frame) -> {
            if (context.channel().isOpen()) {
                context.writeAndFlush(Unpooled.wrappedBuffer(WireCodec.encode(ScriptedDaemon.decode(frame)
                        .reply(new Failure("set block: not found"))))).addListener(ChannelFutureListener.CLOSE);
            }
        });
                Session session = LocalTransport.connect(socket())) {
            Answer reply = session.upload(new BlockCommand.Set(false), HELLO,
                    new ByteArrayInputStream(new byte[64 * Session.UPLOAD_CHUNK]));

            assertThat(reply).isEqualTo(new Answer.Failed("set block: not found"));
        }
    }
}

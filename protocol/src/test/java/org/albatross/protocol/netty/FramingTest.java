package org.albatross.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The length framing and the frame codec in an EmbeddedChannel, as the daemon and client stack them. */
class FramingTest {
    private static final Wire SUBSCRIBE = new Wire(new Header(0, Name.parse("foo")), new ConsoleCommand.SubscribeCount(20));

    private static EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new FrameDecoder(), new FrameEncoder(), new WireMessageCodec());
    }

    @Test
    void aWrittenMessageIsFramedWithItsBigEndianLength() {
        EmbeddedChannel channel = pipeline();

        channel.writeOutbound(SUBSCRIBE);

        ByteBuf framed = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(framed)).isEqualTo("00000022" + HexFormat.of().formatHex(WireCodec.encode(SUBSCRIBE)));
        framed.release();
    }

    @ParameterizedTest(name = "arriving in pieces of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 7, 64})
    void framesAreReassembledWhateverTheyArriveIn(int pieceSize) {
        RandomMessages random = new RandomMessages(pieceSize);
        Wire[] messages = {random.wire(), SUBSCRIBE, random.wire()};
        ByteBuf stream = Unpooled.buffer();
        for (Wire message : messages) {
            byte[] bytes = WireCodec.encode(message);
            stream.writeInt(bytes.length).writeBytes(bytes);
        }
        EmbeddedChannel channel = pipeline();

        while (stream.isReadable()) {
            channel.writeInbound(stream.readRetainedSlice(Math.min(pieceSize, stream.readableBytes())));
        }
        stream.release();

        for (Wire message : messages) {
            assertThat((Wire) channel.readInbound()).isEqualTo(message);
        }
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void aFrameInSeveralReadsIsPutTogetherOnceOnTheHeapAndOneInOneReadIsTakenAsItIs() {
        byte[] body = new byte[100_000];
        new java.util.Random(5).nextBytes(body);
        ByteBuf framed = Unpooled.buffer().writeInt(body.length).writeBytes(body);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

        // as socket reads come: direct buffers, here of 30,000 bytes
        while (framed.isReadable()) {
            channel.writeInbound(Unpooled.directBuffer().writeBytes(framed, Math.min(30_000, framed.readableBytes())));
        }

        ByteBuf frame = channel.readInbound();
        assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(body);
        assertThat(frame.hasArray()).as("put together on the heap").isTrue();
        assertThat(frame.unwrap().capacity()).as("in one buffer, as large as the frame").isEqualTo(4 + body.length);
        frame.release();

        ByteBuf whole = Unpooled.directBuffer().writeInt(body.length).writeBytes(body);
        channel.writeInbound(whole);
        ByteBuf inOneRead = channel.readInbound();
        assertThat(inOneRead.unwrap()).as("not copied").isSameAs(whole);
        inOneRead.release();
    }

    @Test
    void aZeroLengthFrameEndsTheStream() {
        EmbeddedChannel channel = pipeline();

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0}));

        assertThat(channel.<Object>readInbound()).isEqualTo(EndOfStream.INSTANCE);
    }

    @Test
    void aNegativeLengthAlsoEndsTheStream() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE}));

        assertThat(channel.<Object>readInbound()).isEqualTo(EndOfStream.INSTANCE);
    }

    @Test
    void endOfStreamIsWrittenAsAZeroLengthFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder());

        channel.writeOutbound(EndOfStream.INSTANCE);

        ByteBuf framed = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(framed)).isEqualTo("00000000");
        framed.release();
    }

    @Test
    void rawChunksPassTheFramingUnchanged() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(8), new FrameEncoder());
        byte[] chunk = {1, 2, 3, 4, 5, 6, 7, 8};

        channel.writeOutbound(Unpooled.wrappedBuffer(chunk));
        ByteBuf framed = channel.readOutbound();
        channel.writeInbound(framed);

        ByteBuf received = channel.readInbound();
        assertThat(ByteBufUtil.getBytes(received)).isEqualTo(chunk);
        received.release();
    }
}

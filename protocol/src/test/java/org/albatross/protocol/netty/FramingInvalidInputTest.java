package org.albatross.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.albatross.protocol.ProtocolError;
import org.junit.jupiter.api.Test;

class FramingInvalidInputTest {

    @Test
    void aFrameAboveTheCapIsRefusedFromItsLengthAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf lengthOnly = Unpooled.buffer().writeInt(1025);

        assertThatThrownBy(() -> channel.writeInbound(lengthOnly))
                .isInstanceOf(DecoderException.class)
                .cause().isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("frame: length 1025 exceeds the limit of 1024 bytes");
    }

    @Test
    void afterARefusedFrameTheRestOfTheInputIsDropped() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(16));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(Integer.MAX_VALUE)))
                .isInstanceOf(DecoderException.class);

        channel.writeInbound(Unpooled.buffer().writeInt(1).writeByte(0x30));

        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void aFrameThatIsNotAMessageIsRefusedWithTheCodecsError() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(), new WireMessageCodec());

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(3).writeBytes(new byte[] {2, 1, 5})))
                .isInstanceOf(DecoderException.class)
                .cause().isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("expected SEQUENCE, got INTEGER");
    }

    @Test
    void anIncompleteFrameWaitsForTheRest() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

        channel.writeInbound(Unpooled.buffer().writeInt(10).writeBytes(new byte[9]));

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aCapThatIsNotPositiveIsAProgrammingError() {
        assertThatThrownBy(() -> new FrameDecoder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the frame cap must be positive, got 0");
    }
}

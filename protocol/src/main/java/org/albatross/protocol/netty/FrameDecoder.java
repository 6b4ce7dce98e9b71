package org.albatross.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.codec.Framing;

/**
 * Splits the byte stream into frames ({@link Framing}: a 4-byte big-endian signed length, then that many bytes).
 * Emits each frame as a {@link ByteBuf} slice, and {@link EndOfStream} for a length of zero or less. A length above
 * the cap is refused as soon as its 4 bytes arrive, before any of the frame is buffered, with a
 * {@link ProtocolError} (Netty wraps it in a {@code DecoderException}); the decoder then
 * drops everything else the peer sends.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** The cap for commands and replies (PROTOCOL.md); larger only for streamed image chunks. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = Framing.DEFAULT_MAX_FRAME_LENGTH;

    private final int maxFrameLength;
    private boolean refused;

    public FrameDecoder() {
        this(DEFAULT_MAX_FRAME_LENGTH);
    }

    public FrameDecoder(int maxFrameLength) {
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("the frame cap must be positive, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Framing.LENGTH_FIELD) {
            return;
        }
        int length;
        try {
            length = Framing.bodyLength(in.getInt(in.readerIndex()), maxFrameLength);
        } catch (ProtocolError tooLong) {
            refused = true;
            in.skipBytes(in.readableBytes());
            throw tooLong;
        }
        if (length == 0) {
            in.skipBytes(Framing.LENGTH_FIELD);
            out.add(EndOfStream.INSTANCE);
            return;
        }
        if (in.readableBytes() < Framing.LENGTH_FIELD + length) {
            return;
        }
        in.skipBytes(Framing.LENGTH_FIELD);
        out.add(in.readRetainedSlice(length));
    }
}

package org.albatross.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 *
 * <p>A frame that comes in several reads is put together in one heap buffer, as large as the frame once its length
 * is known ({@link #cumulate}). Netty's default grows the first read's buffer, a direct one, by reallocating it, each
 * time a new native buffer zeroed and the old one freed: for an 80 KB create a third of the event loop's 0.3 ms, and
 * a dozen times over for a frame of 16 MiB (docs/performance.md, "Session 13 (lead)").
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** Its name in a pipeline, the daemon's endpoints' and the client's alike. */
    public static final String NAME = "frame-decoder";
    /** The cap for commands and replies (PROTOCOL.md); larger only for streamed image chunks. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = Framing.DEFAULT_MAX_FRAME_LENGTH;

    private final int maxFrameLength;
    private boolean refused;
    /** The whole size (length field included) of the frame whose start has arrived and whose rest has not; or 0. */
    private int pending;

    public FrameDecoder() {
        this(DEFAULT_MAX_FRAME_LENGTH);
    }

    public FrameDecoder(int maxFrameLength) {
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("the frame cap must be positive, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        setCumulator(this::cumulate);
    }

    /**
     * Adds {@code in} to what has arrived of a frame: in place where the buffer has room and is on the heap, else in a
     * new heap buffer for the whole frame (or for what has arrived, if more); a read that starts with nothing pending
     * is taken as it is, so that a frame that comes in one read is never copied.
     */
    private ByteBuf cumulate(ByteBufAllocator allocator, ByteBuf cumulation, ByteBuf in) {
        if (!cumulation.isReadable() || cumulation.hasArray() && cumulation.writableBytes() >= in.readableBytes()) {
            return MERGE_CUMULATOR.cumulate(allocator, cumulation, in);
        }
        int arrived = cumulation.readableBytes() + in.readableBytes();
        ByteBuf whole = allocator.heapBuffer(Math.max(arrived, pending));
        try {
            whole.writeBytes(cumulation).writeBytes(in);
            return whole;
        } finally {
            cumulation.release();
            in.release();
        }
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
            pending = Framing.LENGTH_FIELD + length;
            return;
        }
        pending = 0;
        in.skipBytes(Framing.LENGTH_FIELD);
        out.add(in.readRetainedSlice(length));
    }
}

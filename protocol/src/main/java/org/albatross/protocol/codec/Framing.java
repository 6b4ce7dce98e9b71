package org.albatross.protocol.codec;

import org.albatross.protocol.ProtocolError;

/**
 * How messages travel on a stream (albatross's framing): a 4-byte big-endian signed length, then that many bytes; a
 * length of zero or less ends a stream (albatross ends a streamed image that way). The one statement of the rule,
 * for Netty's {@code FrameDecoder} and for the client's blocking reader alike.
 */
public final class Framing {
    /** The size of the length field in front of every frame. */
    public static final int LENGTH_FIELD = Integer.BYTES;
    /** The cap for commands and replies (PROTOCOL.md); larger only for streamed image chunks. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    private Framing() {
    }

    /**
     * The number of bytes that follow a length field: {@code lengthField} itself, or 0 for the end of a stream.
     *
     * @throws ProtocolError when the length exceeds {@code maxFrameLength}, known before any of the frame is read
     */
    public static int bodyLength(int lengthField, int maxFrameLength) {
        if (lengthField <= 0) {
            return 0;
        }
        if (lengthField > maxFrameLength) {
            throw new ProtocolError("frame", "length " + lengthField + " exceeds the limit of " + maxFrameLength
                    + " bytes");
        }
        return lengthField;
    }
}

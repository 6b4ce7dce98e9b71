package org.albatross.daemon.events;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.albatross.protocol.Data;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/**
 * One record of a segment file: a 4-byte length, a 4-byte CRC-32C of the length and the body, then the body: the
 * DER of a {@link Wire} whose header carries the sequence number and whose payload is the {@link Data.EventEntry}
 * (the codec clients already speak, docs/protocol.md). Pure: no I/O.
 */
final class EventRecord {
    static final int HEADER = Integer.BYTES + Integer.BYTES;
    /** Far above any real event; a larger length field is damage, and reading never allocates more than this. */
    static final int MAX_BODY = 1 << 20;

    private EventRecord() {
    }

    static byte[] encode(LoggedEvent event) {
        byte[] body = WireCodec.encode(new Wire(new Header(event.sequence(), Name.ROOT), event.entry()));
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("an event of " + body.length + " bytes is larger than the "
                    + MAX_BODY + " bytes a record may hold: " + event.entry().event().getClass().getSimpleName());
        }
        return frame(body);
    }

    /** {@code body} with the record header that lets a reader verify it. */
    static byte[] frame(byte[] body) {
        ByteBuffer record = ByteBuffer.allocate(HEADER + body.length);
        record.putInt(body.length).putInt(checksum(body.length, body, 0)).put(body);
        return record.array();
    }

    /** What lies at an offset of a segment. */
    sealed interface Read {
    }

    /** A whole record of {@code length} bytes whose checksum matches. */
    record Framed(int length) implements Read {
    }

    /** Fewer bytes remain than the record's header or its length field announce. */
    record CutShort(String reason) implements Read {
    }

    /** The bytes are complete but are not a record: a length out of range or a checksum mismatch. */
    record Invalid(String reason) implements Read {
    }

    /** Checks the record at {@code offset} by its length and checksum only: cheap enough to resynchronise with. */
    static Read read(byte[] segment, int offset, int end) {
        int available = end - offset;
        if (available < HEADER) {
            return new CutShort(available + " bytes, shorter than a record header");
        }
        ByteBuffer header = ByteBuffer.wrap(segment, offset, HEADER);
        int length = header.getInt();
        int stored = header.getInt();
        if (length < 0 || length > MAX_BODY) {
            return new Invalid("record length " + Integer.toUnsignedString(length) + " is out of range");
        }
        if (length > available - HEADER) {
            return new CutShort("the record announces " + length + " bytes but only " + (available - HEADER)
                    + " follow");
        }
        if (checksum(length, segment, offset + HEADER) != stored) {
            return new Invalid("checksum mismatch");
        }
        return new Framed(HEADER + length);
    }

    /**
     * The event in the framed record at {@code offset} of {@code length} bytes; empty if its body, although its
     * checksum matches, is not an event entry (written by something else than this log).
     */
    static Optional<LoggedEvent> decode(byte[] segment, int offset, int length) {
        byte[] body = new byte[length - HEADER];
        System.arraycopy(segment, offset + HEADER, body, 0, body.length);
        try {
            Wire wire = WireCodec.decode(body);
            if (wire.payload() instanceof Data.EventEntry entry) {
                return Optional.of(new LoggedEvent(wire.header().sequence(), entry));
            }
            return Optional.empty();
        } catch (ProtocolError notAnEvent) {
            return Optional.empty();
        }
    }

    private static int checksum(int length, byte[] bytes, int from) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Integer.BYTES).putInt(length).flip());
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}

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
        ByteBuffer record = ByteBuffer.allocate(HEADER + body.length);
        record.putInt(body.length).putInt(checksum(body.length, body, 0)).put(body);
        return record.array();
    }

    /** What lies at an offset of a segment. */
    sealed interface Read {
    }

    /** A whole, valid record of {@code length} bytes. */
    record Valid(LoggedEvent event, int length) implements Read {
    }

    /** Fewer bytes remain than the record's header or its length field announce. */
    record CutShort(String reason) implements Read {
    }

    /** The bytes are complete but are not a record: a bad length, a checksum mismatch or an undecodable body. */
    record Invalid(String reason) implements Read {
    }

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
        int bodyStart = offset + HEADER;
        if (checksum(length, segment, bodyStart) != stored) {
            return new Invalid("checksum mismatch");
        }
        return decode(segment, bodyStart, length)
                .<Read>map(event -> new Valid(event, HEADER + length))
                .orElseGet(() -> new Invalid("the checksum matches but the body is not an event entry"));
    }

    private static Optional<LoggedEvent> decode(byte[] segment, int from, int length) {
        byte[] body = new byte[length];
        System.arraycopy(segment, from, body, 0, length);
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

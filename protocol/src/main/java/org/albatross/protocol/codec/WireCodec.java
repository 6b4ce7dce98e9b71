package org.albatross.protocol.codec;

import java.nio.ByteBuffer;
import org.albatross.protocol.CertificateCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Payload;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.Success;
import org.albatross.protocol.Wire;

/**
 * DER encoding of albatross messages ({@code Wire ::= SEQUENCE { header Header, payload Payload }}) and of the
 * X.509 extension value ({@code SEQUENCE { version INTEGER, command Command }}). Decoding raises only
 * {@link ProtocolError}; encoding emits only the current (version 5) forms.
 */
public final class WireCodec {
    private WireCodec() {
    }

    public static byte[] encode(Wire wire) {
        return Der.bytes(Der.sequence(encode(wire.header()), encode(wire.payload())));
    }

    public static Wire decode(byte[] bytes) throws ProtocolError {
        return decode(ByteBuffer.wrap(bytes));
    }

    /**
     * As {@link #decode(byte[])}, over the remaining bytes of {@code bytes}, read in place: the message holds copies
     * only, so the buffer may be freed once this returns.
     */
    public static Wire decode(ByteBuffer bytes) throws ProtocolError {
        return guarded(() -> {
            Fields fields = Der.parse(bytes, "").sequence();
            Header header = decodeHeader(fields.required("header"));
            Payload payload = decodePayload(fields.required("payload"));
            fields.end();
            return new Wire(header, payload);
        });
    }

    public static byte[] encodeExtension(CertificateCommand value) {
        return Der.bytes(Der.sequence(Der.integer(value.version()), CommandCodec.encode(value.command())));
    }

    public static CertificateCommand decodeExtension(byte[] bytes) throws ProtocolError {
        return guarded(() -> {
            Fields fields = Der.parse(bytes, "extension").sequence();
            checkVersion(fields.required("version"));
            Command command = CommandCodec.decode(fields.required("command"));
            fields.end();
            return new CertificateCommand(command);
        });
    }

    private static DerValue encode(Header header) {
        return Der.sequence(Der.integer(header.version()), Der.int64(header.sequence()),
                Der.utf8(header.name().toString()));
    }

    private static Header decodeHeader(Node node) {
        Fields fields = node.sequence();
        checkVersion(fields.required("version"));
        long sequence = fields.required("sequence").int64();
        Header header = new Header(sequence, fields.required("name").name());
        fields.end();
        return header;
    }

    private static void checkVersion(Node node) {
        long version = node.integer(Long.MIN_VALUE, Long.MAX_VALUE);
        if (version != Wire.VERSION) {
            throw node.error("unsupported version " + version + " (only " + Wire.VERSION + " is spoken)");
        }
    }

    private static DerValue encode(Payload payload) {
        if (payload instanceof Command command) {
            return Der.explicit(0, CommandCodec.encode(command));
        }
        if (payload instanceof Success success) {
            return Der.explicit(1, SuccessCodec.encode(success));
        }
        if (payload instanceof Failure failure) {
            return Der.explicit(2, Der.utf8(failure.message()));
        }
        if (payload instanceof Data data) {
            return Der.explicit(3, DataCodec.encode(data));
        }
        throw Der.unencodable(payload);
    }

    private static Payload decodePayload(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> CommandCodec.decode(choice.node("command"));
            case 1 -> SuccessCodec.decode(choice.node("success"));
            case 2 -> new Failure(choice.node("failure").utf8());
            case 3 -> DataCodec.decode(choice.node("data"));
            default -> throw choice.unknown("payload");
        };
    }

    /**
     * The decoders validate what they read before building records; this catches what a record's own checks
     * still refuse, so that no exception but {@link ProtocolError} leaves the codec.
     */
    private static <T> T guarded(java.util.function.Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (ProtocolError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProtocolError("", "invalid value: " + e.getMessage(), e);
        }
    }
}

package org.albatross.policy.cert;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.albatross.protocol.CertificateCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.codec.WireCodec;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * albatross's X.509 extension (OID {@value #OID}, non-critical): {@code SEQUENCE { version, command }}, encoded by
 * the protocol module's codec. A leaf carries the command to run, a delegated CA certificate {@code policy add}.
 */
public final class AlbatrossExtension {

    public static final String OID = CertificateCommand.OID;

    private AlbatrossExtension() {
    }

    /** The extension's value (the DER inside the extension's OCTET STRING) for {@code command}. */
    public static byte[] encode(Command command) {
        return WireCodec.encodeExtension(new CertificateCommand(command));
    }

    /** Decodes an extension value; the message of a malformed one says where it is wrong. */
    public static Command decode(byte[] value) throws ProtocolError {
        return WireCodec.decodeExtension(value).command();
    }

    /** The command a certificate carries, or empty when it has no albatross extension. */
    public static Optional<Command> command(X509Certificate certificate) throws ChainRefused {
        byte[] wrapped = certificate.getExtensionValue(OID);
        if (wrapped == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(ASN1OctetString.getInstance(wrapped).getOctets()));
        } catch (ProtocolError | IllegalArgumentException e) {
            throw new ChainRefused(ChainRefused.Reason.MALFORMED_EXTENSION, "certificate "
                    + CertificateNames.describe(certificate) + " has a malformed albatross extension: "
                    + e.getMessage(), e);
        }
    }
}

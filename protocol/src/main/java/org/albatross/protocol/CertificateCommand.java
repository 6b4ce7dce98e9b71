package org.albatross.protocol;

import java.util.Objects;

/**
 * The value of albatross's X.509 extension (OID {@value #OID}): the command a leaf certificate asks to run, or the
 * policy an intermediate CA certificate grants. Its version is always {@link Wire#VERSION}.
 */
public record CertificateCommand(Command command) {
    public static final String OID = "1.3.6.1.4.1.49836.42";

    public CertificateCommand {
        Objects.requireNonNull(command, "command");
    }

    public int version() {
        return Wire.VERSION;
    }
}

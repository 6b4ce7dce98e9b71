package org.albatross.client;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.albatross.policy.cert.CertificateNames;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Pem;

/**
 * A CA's revocation list on disk, as {@code revoke} extends it: read if it exists (it must be that CA's), written
 * whole beside itself and renamed into place, so that albatrossd, which reads it again when it changes, never sees
 * half a list.
 */
final class RevocationFile {
    /** How long a list is valid unless {@code --days} says otherwise; albatrossd honours it past that, others not. */
    static final int DEFAULT_DAYS = 365;

    /** What to revoke: a serial number, and how the user named it. */
    record Revoked(BigInteger serial, String description) {
        /** From a certificate file or a hex serial, exactly one of them; a certificate must be the CA's. */
        static Revoked of(CertificateAuthority authority, Path certificate, String serial) {
            if ((certificate == null) == (serial == null)) {
                throw new ClientFailure(ExitCode.CLI_FAILED, "revoke takes the certificate to revoke, CERT, or its"
                        + " serial number, --serial HEX: give one of them");
            }
            if (serial != null) {
                return new Revoked(parsed(serial), "serial " + serial);
            }
            X509Certificate revoked = new UserFile(certificate, "the certificate CERT").certificates().get(0);
            if (!authority.issued(revoked)) {
                throw new ClientFailure(ExitCode.CLI_FAILED, "the certificate " + certificate + " "
                        + CertificateNames.describe(revoked) + " was not issued by "
                        + CertificateNames.describe(authority.certificate()) + ": revoke it with its issuer's"
                        + " certificate and key");
            }
            return new Revoked(revoked.getSerialNumber(), CertificateNames.describe(revoked));
        }

        /** Hex as {@code inspect} prints it, or with OpenSSL's colons. */
        private static BigInteger parsed(String serial) {
            try {
                BigInteger parsed = new BigInteger(serial.replace(":", ""), 16);
                if (parsed.signum() > 0) {
                    return parsed;
                }
            } catch (NumberFormatException notHex) {
                // reported below
            }
            throw new ClientFailure(ExitCode.CLI_FAILED, "the serial number " + serial + " is not a positive"
                    + " hexadecimal number (as inspect prints it, e.g. 5f3a09c1)");
        }
    }

    private final UserFile file;

    RevocationFile(UserFile file) {
        this.file = file;
    }

    /** Adds {@code revoked} to the list (made if missing), valid for {@code validity}; returns what was done. */
    String revoke(CertificateAuthority authority, Revoked revoked, Duration validity) {
        Optional<X509CRL> current = Files.exists(file.path()) ? Optional.of(file.revocationList()) : Optional.empty();
        Optional<X509CRLEntry> already = current.map(list -> list.getRevokedCertificate(revoked.serial()));
        if (already.isPresent()) {
            return revoked.description() + " was revoked already, on "
                    + already.get().getRevocationDate().toInstant() + "; " + file.path() + " is unchanged";
        }
        X509CRL next;
        try {
            next = authority.revoke(current, revoked.serial(), validity);
        } catch (IllegalArgumentException notTheCasList) {
            throw new ClientFailure(ExitCode.CLI_FAILED, file.role() + " " + file.path() + ": "
                    + notTheCasList.getMessage() + "; give the list of CACERT, or a new file", notTheCasList);
        }
        replace(Pem.encode(next));
        return "revoked " + revoked.description() + " in " + file.path() + " (" + next.getRevokedCertificates().size()
                + " revoked); albatrossd reads it at its next connection if it is its tls.crl";
    }

    /** Writes the whole list beside the file, flushes it to disk and renames it into place. */
    private void replace(String pem) {
        Path target = file.path().toAbsolutePath();
        Path written = target.resolveSibling("." + target.getFileName() + ".new");
        try {
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(written);
            } catch (IOException leftBehind) {
                e.addSuppressed(leftBehind);
            }
            throw file.unwritable(e);
        }
    }
}

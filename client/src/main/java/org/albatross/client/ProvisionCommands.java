package org.albatross.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Label;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** generate, certificate, sign, inspect and revoke: the certificates of albatross's remote flow (POLICY.md). */
@Command
final class ProvisionCommands {
    @Command(name = "generate", description = "Create a root CA NAME in DIR, and a server certificate for the daemon.")
    static int generate(@Mixin Output output, @Parameters(paramLabel = "NAME") String name,
            @Parameters(paramLabel = "DIR") Path directory,
            @Option(names = "--server", paramLabel = "CN", defaultValue = "server",
                    description = "The server certificate's common name (default ${DEFAULT-VALUE}).") String server,
            @Option(names = "--days", paramLabel = "N", defaultValue = "3650") int days) throws IOException {
        CertificateAuthority root = CertificateAuthority.createRoot(name, output.target().keyType(),
                Duration.ofDays(days), Clock.systemUTC());
        PrivateKeyFile.createDirectories(new UserFile(directory, "the directory DIR"));
        write(output, directory, name, root.credential());
        write(output, directory, server, root.issueServer(server, output.target().tlsKeyType(),
                CertificateAuthority.SERVER_VALIDITY));
        return ExitStatus.SUCCESS.code();
    }

    @Command(name = "certificate", description = "Delegate the tenant NAME below the CA, with a policy: writes"
            + " NAME.pem (its chain) and NAME.key into DIR.")
    static int certificate(@Mixin Output output, @Mixin PolicyOptions policy,
            @Parameters(paramLabel = "CACERT") Path caCert, @Parameters(paramLabel = "CAKEY") Path caKey,
            @Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "DIR") Path directory,
            @Option(names = "--days", paramLabel = "N", defaultValue = "365") int days) throws IOException {
        try {
            CertificateAuthority tenant = authority(caCert, caKey).delegate(Label.of(name), policy.policy(),
                    output.target().keyType(), Duration.ofDays(days));
            write(output, directory, name, tenant.credential());
        } catch (PolicyViolation e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "cannot delegate " + name + ": " + e.getMessage(), e);
        }
        return ExitStatus.SUCCESS.code();
    }

    @Command(name = "sign", description = "Sign the request CSR with the CA; writes the chain to CSR's name + .pem.")
    static int sign(@Mixin Output output, @Parameters(paramLabel = "CACERT") Path caCert,
            @Parameters(paramLabel = "CAKEY") Path caKey, @Parameters(paramLabel = "CSR") Path csr,
            @Option(names = "--days", paramLabel = "N",
                    description = "Validity in days (default: 365 for a CA, 1 for a command).") Integer days) {
        try {
            List<X509Certificate> chain = authority(caCert, caKey).sign(
                    new UserFile(csr, "the signing request CSR").signingRequest(),
                    Optional.ofNullable(days).map(Duration::ofDays));
            Path signed = csr.resolveSibling(csr.getFileName() + ".pem");
            new UserFile(signed, "the signed chain").write(Pem.encode(chain));
            output.line("wrote " + signed);
        } catch (PolicyViolation e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "refusing to sign " + csr + ": " + e.getMessage(), e);
        }
        return ExitStatus.SUCCESS.code();
    }

    @Command(name = "inspect", description = "Print each certificate in FILE: whom it names, who issued it, when it"
            + " is valid, and the policy or command of its albatross extension.")
    static int inspect(@Mixin Output output, @Parameters(paramLabel = "FILE") Path file) {
        List<X509Certificate> certificates = new UserFile(file, "the certificate file FILE").certificates();
        for (X509Certificate certificate : certificates) {
            InspectedCertificate inspected = InspectedCertificate.of(certificate);
            output.line(output.json ? JsonShapes.line(inspected) : inspected.table());
        }
        return ExitStatus.SUCCESS.code();
    }

    @Command(name = "revoke", description = "Add a certificate the CA issued to the CA's revocation list CRL (made if"
            + " missing), which albatrossd reads as tls.crl: at its next connection, or on SIGHUP.")
    static int revoke(@Mixin Output output, @Parameters(paramLabel = "CACERT") Path caCert,
            @Parameters(paramLabel = "CAKEY") Path caKey, @Parameters(paramLabel = "CRL") Path crl,
            @Parameters(paramLabel = "CERT", arity = "0..1",
                    description = "The certificate to revoke (the first in the file: NAME.pem holds its chain).")
            Path certificate,
            @Option(names = "--serial", paramLabel = "HEX",
                    description = "Revoke this serial number instead of a CERT (as inspect prints it).") String serial,
            @Option(names = "--days", paramLabel = "N", defaultValue = "" + RevocationFile.DEFAULT_DAYS,
                    description = "The list's next update, in days from now (default ${DEFAULT-VALUE}).") int days) {
        CertificateAuthority authority = authority(caCert, caKey);
        RevocationFile list = new RevocationFile(new UserFile(crl, "the revocation list CRL"));
        output.line(list.revoke(authority, RevocationFile.Revoked.of(authority, certificate, serial), Duration.ofDays(days)));
        return ExitStatus.SUCCESS.code();
    }

    private static CertificateAuthority authority(Path certificate, Path key) {
        return authority(new UserFile(certificate, "the CA certificate CACERT").certificates(),
                new UserFile(key, "the CA's key CAKEY"));
    }

    /** The CA whose chain is {@code chain}, its key read from {@code key}; refused unless the key is the CA's. */
    static CertificateAuthority authority(List<X509Certificate> chain, UserFile key) {
        try {
            return CertificateAuthority.of(new Credential(chain, PrivateKeyFile.read(key)), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, key.role() + " " + key.path() + ": " + e.getMessage(), e);
        }
    }

    private static void write(Output output, Path directory, String name, Credential credential) {
        Path certificate = directory.resolve(name + ".pem");
        Path key = directory.resolve(name + ".key");
        PrivateKeyFile.write(new UserFile(key, "the key"), credential.key());
        new UserFile(certificate, "the certificate").write(Pem.encode(credential.chain()));
        output.line("wrote " + certificate + " and " + key);
    }
}

package org.albatross.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Label;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** generate, certificate, sign and inspect: the certificates of albatross's remote flow (POLICY.md). */
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
        PrivateKeyFile.createDirectories(directory);
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
            @Option(names = "--days", paramLabel = "N") Integer days) throws IOException {
        try {
            List<X509Certificate> chain = authority(caCert, caKey).sign(Pem.certificationRequest(Target.read(csr)),
                    Optional.ofNullable(days).map(Duration::ofDays));
            Path signed = csr.resolveSibling(csr.getFileName() + ".pem");
            Files.writeString(signed, Pem.encode(chain));
            output.line("wrote " + signed);
        } catch (PolicyViolation e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "refusing to sign " + csr + ": " + e.getMessage(), e);
        }
        return ExitStatus.SUCCESS.code();
    }

    @Command(name = "inspect", description = "Print each certificate in FILE: its identity, policy or command.")
    static int inspect(@Mixin Output output, @Parameters(paramLabel = "FILE") Path file) {
        for (X509Certificate certificate : Pem.certificates(Target.read(file))) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("subject", certificate.getSubjectX500Principal().getName());
            fields.put("issuer", certificate.getIssuerX500Principal().getName());
            fields.put("serial", certificate.getSerialNumber().toString(16));
            fields.put("not_before", certificate.getNotBefore().toInstant());
            fields.put("not_after", certificate.getNotAfter().toInstant());
            fields.put("ca", certificate.getBasicConstraints() >= 0);
            try {
                fields.put("command", AlbatrossExtension.command(certificate).map(Object::toString).orElse(null));
            } catch (ChainRefused e) {
                fields.put("command", "unreadable: " + e.getMessage());
            }
            if (output.json) {
                output.line(JsonShapes.mapper().valueToTree(fields).toString());
            } else {
                List<List<String>> rows = new ArrayList<>();
                fields.forEach((key, value) -> rows.add(List.of(key, String.valueOf(value))));
                output.line(Table.of(List.of("FIELD", "VALUE"), rows));
            }
        }
        return ExitStatus.SUCCESS.code();
    }

    private static CertificateAuthority authority(Path certificate, Path key) {
        return CertificateAuthority.of(new Credential(Pem.certificates(Target.read(certificate)),
                PrivateKeyFile.read(key)), Clock.systemUTC());
    }

    private static void write(Output output, Path directory, String name, Credential credential) throws IOException {
        Path certificate = directory.resolve(name + ".pem");
        Path key = directory.resolve(name + ".key");
        PrivateKeyFile.write(key, credential.key());
        Files.writeString(certificate, Pem.encode(credential.chain()));
        output.line("wrote " + certificate + " and " + key);
    }
}

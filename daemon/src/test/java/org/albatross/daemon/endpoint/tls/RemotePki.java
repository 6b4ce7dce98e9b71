package org.albatross.daemon.endpoint.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.albatross.config.DaemonConfig;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyFileMode;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Command;
import org.albatross.protocol.Label;
import org.albatross.protocol.Policy;

/** A root CA and the daemon's server credential as PEM files in a directory, and tenants below the root. */
final class RemotePki {
    static final KeyType KEYS = KeyType.P256;
    static final Duration VALIDITY = Duration.ofDays(1);

    final CertificateAuthority root;
    /** The endpoint's configuration, with the default limits. */
    final DaemonConfig.Tls config;

    RemotePki(Path directory) throws IOException {
        root = CertificateAuthority.createRoot("albatross test root", KEYS, VALIDITY, Clock.systemUTC());
        Credential server = root.issueServer("albatrossd", KEYS, VALIDITY);
        config = new DaemonConfig.Tls(new DaemonConfig.ListenAddress("127.0.0.1", 0),
                Files.writeString(directory.resolve("ca.pem"), Pem.encode(root.certificate())),
                Files.writeString(directory.resolve("server.pem"), Pem.encode(server.chain())),
                Files.writeString(Files.createFile(directory.resolve("server.key"),
                        PosixFilePermissions.asFileAttribute(KeyFileMode.KEY)),
                        Pem.encodePrivateKey(server.key())),
                Optional.of(directory.resolve("crl.pem")), DaemonConfig.TlsLimits.DEFAULTS);
        revoke(List.of());
    }

    /** The endpoint's configuration with {@code limits}. */
    DaemonConfig.Tls config(DaemonConfig.TlsLimits limits) {
        return new DaemonConfig.Tls(config.listen(), config.caCert(), config.serverCert(), config.serverKey(),
                config.crl(), limits);
    }

    /** Writes a revocation list of the root naming {@code serials}; the endpoint reads it at start or on SIGHUP. */
    void revoke(List<BigInteger> serials) throws IOException {
        Files.writeString(config.crl().orElseThrow(), Pem.encode(root.issueRevocationList(serials, VALIDITY)));
    }

    static CertificateAuthority tenant(CertificateAuthority parent, String label, Policy policy) {
        try {
            return parent.delegate(Label.of(label), policy, KEYS, VALIDITY);
        } catch (PolicyViolation e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Credential command(CertificateAuthority issuer, String label, Command command) {
        return issuer.issueCommand(label, command, KEYS);
    }
}

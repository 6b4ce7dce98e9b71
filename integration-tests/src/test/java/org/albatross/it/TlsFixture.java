package org.albatross.it;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.albatross.client.transport.RemoteTransport;
import org.albatross.client.transport.Session;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyFileMode;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.Pem;

/**
 * A root CA, the daemon's server certificate and revocation list, written under one directory, and the
 * {@code [tls]} section that makes a test daemon serve them on a free loopback port. Clients connect with a
 * credential whose chain ends at the root.
 */
final class TlsFixture {
    /** Every key here can sign in a handshake: BoringSSL, which the daemon prefers, cannot use ed25519 there. */
    static final KeyType KEYS = KeyType.P256;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final CertificateAuthority root;
    private final int port;

    private TlsFixture(Path directory, CertificateAuthority root, int port) {
        this.directory = directory;
        this.root = root;
        this.port = port;
    }

    /** A fresh root CA and server certificate under {@code directory}; {@code revoked} serials go on the list. */
    static TlsFixture provision(Path directory, List<BigInteger> revoked) throws IOException {
        Files.createDirectories(directory);
        CertificateAuthority root = CertificateAuthority.createRoot("root", KEYS, Duration.ofDays(1),
                Clock.systemUTC());
        Credential server = root.issueServer("albatrossd", KEYS, Duration.ofDays(1));
        Files.writeString(directory.resolve("root.pem"), Pem.encode(root.certificate()));
        Files.writeString(directory.resolve("server.pem"), Pem.encode(server.chain()));
        writeKey(directory.resolve("server.key"), server.key());
        TlsFixture fixture = new TlsFixture(directory, root, Loopback.freePort());
        fixture.revoke(revoked);
        return fixture;
    }

    /** Writes {@code key} to a new {@code file} that its owner alone may read, as the daemon demands of its key. */
    static Path writeKey(Path file, PrivateKey key) throws IOException {
        return Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(KeyFileMode.KEY)),
                Pem.encodePrivateKey(key));
    }

    CertificateAuthority root() {
        return root;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Replaces the revocation list (the daemon reads it at start and on SIGHUP). */
    void revoke(List<BigInteger> serials) throws IOException {
        Files.writeString(directory.resolve("crl.pem"), Pem.encode(root.issueRevocationList(serials,
                Duration.ofDays(1))));
    }

    Path serverKey() {
        return directory.resolve("server.key");
    }

    String toml() {
        return toml(port, directory.resolve("root.pem"), directory.resolve("server.pem"), serverKey(),
                directory.resolve("crl.pem"));
    }

    /** The {@code [tls]} section serving on loopback {@code port} with these files. */
    static String toml(int port, Path caCert, Path serverCert, Path serverKey, Path crl) {
        return toml(port, caCert, serverCert, serverKey, "crl = \"" + crl + "\"");
    }

    /** The {@code [tls]} section serving on loopback {@code port} with these files, then {@code more} lines. */
    static String toml(int port, Path caCert, Path serverCert, Path serverKey, String more) {
        return """

                [tls]
                listen = "127.0.0.1:%d"
                ca-cert = "%s"
                server-cert = "%s"
                server-key = "%s"
                %s
                """.formatted(port, caCert, serverCert, serverKey, more);
    }

    /** Connects and completes the handshake presenting {@code client}'s chain without the root, as the client does. */
    Session connect(Credential client) {
        List<X509Certificate> presented = new ArrayList<>(client.chain());
        if (presented.size() > 1 && presented.get(presented.size() - 1).equals(root.certificate())) {
            presented.remove(presented.size() - 1);
        }
        return RemoteTransport.connect(address(), new Credential(presented, client.key()),
                List.of(root.certificate()), TIMEOUT);
    }

    boolean accepts() {
        return Loopback.accepts(port);
    }
}

package org.albatross.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.RemoteTransport;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.Stream;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.Pem;
import org.albatross.policy.provision.SigningRequest;
import org.albatross.protocol.Command;
import org.albatross.protocol.Header;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where a command goes: the daemon's Unix socket ({@code --socket}), its TLS endpoint ({@code -d}, with a fresh
 * command certificate signed by the tenant CA), or a certificate signing request ({@code --csr}). {@code -} in
 * place of the socket or host prints what would be sent instead of sending it, as albatross's client does.
 */
final class Target {
    static final String DEFAULT_SOCKET = "/run/albatross/util/vmmd.sock";
    static final String PRINT_ONLY = "-";

    @Option(scope = ScopeType.INHERIT, names = "--socket", arity = "0..1", fallbackValue = DEFAULT_SOCKET, paramLabel = "PATH",
            description = "The daemon's Unix socket (default " + DEFAULT_SOCKET + "); - prints the request as hex.")
    String socket = DEFAULT_SOCKET;

    @Option(scope = ScopeType.INHERIT, names = {"-d", "--destination"}, paramLabel = "HOST[:PORT]",
            description = "The daemon's TLS endpoint (port 1025 unless given); - prints the certificate chain.")
    String destination;

    @Option(scope = ScopeType.INHERIT, names = "--csr", paramLabel = "FILE",
            description = "Write a signing request carrying the command to FILE (its key to FILE.key) instead.")
    Path csr;

    @Option(scope = ScopeType.INHERIT, names = "--ca-cert", paramLabel = "FILE", description = "The tenant CA certificate that signs the command.")
    Path caCert;

    @Option(scope = ScopeType.INHERIT, names = "--ca-key", paramLabel = "FILE", description = "The tenant CA's private key.")
    Path caKey;

    @Option(scope = ScopeType.INHERIT, names = "--chain", paramLabel = "FILE",
            description = "The CAs between the tenant CA and the root (PEM, innermost first), if any.")
    Path chain;

    @Option(scope = ScopeType.INHERIT, names = "--server-ca", paramLabel = "FILE", description = "The CA the daemon's certificate must verify to.")
    Path serverCa;

    @Option(scope = ScopeType.INHERIT, names = "--key-type", paramLabel = "TYPE", defaultValue = "ed25519",
            description = "Key type of new CA keys and signing requests: ed25519, p256, p384, rsa2048, rsa4096"
                    + " (default ${DEFAULT-VALUE}).")
    String keyType;

    @Option(scope = ScopeType.INHERIT, names = "--tls-key-type", paramLabel = "TYPE", defaultValue = "p256",
            description = "Key type of keys a TLS stack signs with: command certificates and the server's"
                    + " (default ${DEFAULT-VALUE}; albatrossd's BoringSSL takes no ed25519 key in a handshake).")
    String tlsKeyType;

    @Option(scope = ScopeType.INHERIT, names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the connection and for each reply.")
    long timeoutSeconds;

    /** What was sent: nothing more to do when the command was only printed or written as a request. */
    sealed interface Delivery {
        record Printed() implements Delivery {
        }

        record Sent(Stream stream) implements Delivery {
        }
    }

    KeyType keyType() {
        return KeyType.parse(keyType);
    }

    KeyType tlsKeyType() {
        return KeyType.parse(tlsKeyType);
    }

    /** Whether this command goes to the TLS endpoint, where the tenant CA's policy supplies defaults. */
    boolean remote() {
        return destination != null && csr == null;
    }

    /** The tenant CA named by {@code --ca-cert}/{@code --ca-key}/{@code --chain}. */
    CertificateAuthority authority() {
        if (caCert == null || caKey == null) {
            throw new ClientFailure(ExitStatus.CLI_FAILED,
                    "a remote command needs --ca-cert and --ca-key of the tenant CA that signs it");
        }
        List<X509Certificate> certificates = new ArrayList<>(Pem.certificates(read(caCert)));
        if (chain != null) {
            certificates.addAll(Pem.certificates(read(chain)));
        }
        return CertificateAuthority.of(new Credential(certificates, PrivateKeyFile.read(caKey)), Clock.systemUTC());
    }

    /**
     * Sends {@code command} about {@code name}; {@code upload}, when present, follows it as framed chunks (a block
     * set locally; the image of a create whose image field is empty remotely).
     */
    Delivery deliver(Name name, Command command, Optional<InputStream> upload, Output output) throws IOException {
        if (csr != null) {
            return writeSigningRequest(name, command, output);
        }
        if (destination != null) {
            return deliverRemotely(name, command, upload, output);
        }
        if (PRINT_ONLY.equals(socket)) {
            output.line(hex(WireCodec.encode(new Wire(new Header(0, name), command))));
            return new Delivery.Printed();
        }
        Session session = LocalTransport.connect(Path.of(socket), Duration.ofSeconds(timeoutSeconds));
        return new Delivery.Sent(upload.isPresent() ? session.openUpload(command, name, upload.get())
                : session.open(command, name));
    }

    /** Albatross's hexdump of a request: lower-case byte pairs separated by spaces. */
    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private Delivery deliverRemotely(Name name, Command command, Optional<InputStream> upload, Output output)
            throws IOException {
        CertificateAuthority authority = authority();
        Credential leaf = authority.issueCommand(commonName(name), command, tlsKeyType());
        // the daemon wants the chain up to, not including, the root it trusts
        List<X509Certificate> presented = new ArrayList<>(leaf.chain());
        if (presented.size() > 1 && isSelfSigned(presented.get(presented.size() - 1))) {
            presented.remove(presented.size() - 1);
        }
        if (PRINT_ONLY.equals(destination)) {
            output.line(Pem.encode(presented).strip());
            return new Delivery.Printed();
        }
        if (serverCa == null) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "a remote command needs --server-ca, the CA that signed"
                    + " the daemon's certificate");
        }
        Session session = RemoteTransport.connect(address(destination),
                new Credential(presented, leaf.key()), Pem.certificates(read(serverCa)),
                Duration.ofSeconds(timeoutSeconds));
        return new Delivery.Sent(upload.isPresent() ? session.uploadThenReceive(upload.get()) : session.receive());
    }

    private Delivery writeSigningRequest(Name name, Command command, Output output) throws IOException {
        KeyPair keys = keyType().generate(new SecureRandom());
        Path key = csr.resolveSibling(csr.getFileName() + ".key");
        PrivateKeyFile.write(key, keys.getPrivate());
        Files.writeString(csr, Pem.encode(SigningRequest.create(requestedName(name, command), Optional.of(command),
                keys)));
        output.line("wrote signing request " + csr + " and its key " + key);
        return new Delivery.Printed();
    }

    /**
     * The common name a signing request asks for: a policy names the tenant CA it asks to become by its path's last
     * label ("." is no label, and would name no tenant); any other command names its leaf as {@link #commonName}
     * does.
     */
    private static String requestedName(Name name, Command command) {
        if (command instanceof PolicyCommand.Add && name.label().isEmpty() && !name.path().isRoot()) {
            List<Label> labels = name.path().labels();
            return labels.get(labels.size() - 1).toString();
        }
        return commonName(name);
    }

    /** The leaf's common name: the unikernel's label, or "." for a command on the tenant's path itself. */
    private static String commonName(Name name) {
        return name.label().map(Object::toString).orElse(".");
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    static InetSocketAddress address(String destination) {
        int colon = destination.lastIndexOf(':');
        if (colon < 0 || destination.endsWith("]")) {
            return new InetSocketAddress(destination, RemoteTransport.DEFAULT_PORT);
        }
        try {
            return new InetSocketAddress(destination.substring(0, colon),
                    Integer.parseInt(destination.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "the destination's port must be a number: " + destination);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

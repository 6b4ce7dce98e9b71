package org.albatross.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
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

/**
 * Where a command goes: the daemon's Unix socket ({@code --socket}), its TLS endpoint ({@code -d}, with a fresh
 * command certificate signed by the tenant CA), or a certificate signing request ({@code --csr}). {@code -} in
 * place of the socket or host prints what would be sent instead of sending it, as albatross's client does.
 */
final class Target {
    static final String DEFAULT_SOCKET = "/run/albatross/util/vmmd.sock";
    static final String PRINT_ONLY = "-";
    private static final int MAX_PORT = 65_535;

    static final Arg<String> SOCKET = Arg.option("--socket").fallbackValue(DEFAULT_SOCKET).defaultValue(DEFAULT_SOCKET)
            .label("PATH").inherited()
            .describe("The daemon's Unix socket (default " + DEFAULT_SOCKET + "); - prints the request as hex.")
            .of(String.class);
    static final Arg<String> DESTINATION = Arg.option("-d", "--destination").label("HOST[:PORT]").inherited()
            .describe("The daemon's TLS endpoint (port 1025 unless given); - prints the certificate chain.")
            .of(String.class);
    static final Arg<Path> CSR = Arg.option("--csr").label("FILE").inherited()
            .describe("Write a signing request carrying the command to FILE (its key to FILE.key) instead.")
            .of(Path.class);
    static final Arg<Path> CA_CERT = Arg.option("--ca-cert").label("FILE").inherited()
            .describe("The tenant CA certificate that signs the command.").of(Path.class);
    static final Arg<Path> CA_KEY = Arg.option("--ca-key").label("FILE").inherited()
            .describe("The tenant CA's private key.").of(Path.class);
    static final Arg<Path> CHAIN = Arg.option("--chain").label("FILE").inherited()
            .describe("The CAs between the tenant CA and the root (PEM, innermost first), if any.").of(Path.class);
    static final Arg<Path> SERVER_CA = Arg.option("--server-ca").label("FILE").inherited()
            .describe("The CA the daemon's certificate must verify to.").of(Path.class);
    static final Arg<String> KEY_TYPE = Arg.option("--key-type").label("TYPE").defaultValue("ed25519").inherited()
            .describe("Key type of new CA keys and signing requests: ed25519, p256, p384, rsa2048, rsa4096"
                    + " (default ${DEFAULT-VALUE}).")
            .of(String.class);
    static final Arg<String> TLS_KEY_TYPE = Arg.option("--tls-key-type").label("TYPE").defaultValue("p256")
            .inherited()
            .describe("Key type of keys a TLS stack signs with: command certificates and the server's"
                    + " (default ${DEFAULT-VALUE}; albatrossd's BoringSSL takes no ed25519 key in a handshake).")
            .of(String.class);
    static final Arg<Long> TIMEOUT = Arg.option("--timeout").label("SECONDS").defaultValue("30").inherited()
            .describe("How long to wait for the connection and for each reply.").of(Long.class);

    /** The options every subcommand takes, before or after its name: {@code --socket - console foo}. */
    static final List<Arg<?>> OPTIONS = List.of(SOCKET, DESTINATION, CSR, CA_CERT, CA_KEY, CHAIN, SERVER_CA,
            KEY_TYPE, TLS_KEY_TYPE, TIMEOUT);

    private final String socket;
    private final String destination;
    private final Path csr;
    private final Path caCert;
    private final Path caKey;
    private final Path chain;
    private final Path serverCa;
    private final String keyType;
    private final String tlsKeyType;
    private final long timeoutSeconds;

    Target(Invocation invocation) {
        socket = invocation.get(SOCKET);
        destination = invocation.get(DESTINATION);
        csr = invocation.get(CSR);
        caCert = invocation.get(CA_CERT);
        caKey = invocation.get(CA_KEY);
        chain = invocation.get(CHAIN);
        serverCa = invocation.get(SERVER_CA);
        keyType = invocation.get(KEY_TYPE);
        tlsKeyType = invocation.get(TLS_KEY_TYPE);
        timeoutSeconds = invocation.get(TIMEOUT);
    }

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
            throw new ClientFailure(ExitCode.CLI_FAILED,
                    "a remote command needs --ca-cert and --ca-key of the tenant CA that signs it");
        }
        List<X509Certificate> certificates = new ArrayList<>(new UserFile(caCert,
                "the tenant CA certificate (--ca-cert)").certificates());
        if (chain != null) {
            certificates.addAll(new UserFile(chain, "the CA chain (--chain)").certificates());
        }
        return ProvisionCommands.authority(certificates, new UserFile(caKey, "the tenant CA's key (--ca-key)"));
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
            throw new ClientFailure(ExitCode.CLI_FAILED, "a remote command needs --server-ca, the CA that signed"
                    + " the daemon's certificate");
        }
        Session session = RemoteTransport.connect(address(destination),
                new Credential(presented, leaf.key()),
                new UserFile(serverCa, "the daemon's CA (--server-ca)").certificates(),
                Duration.ofSeconds(timeoutSeconds));
        return new Delivery.Sent(upload.isPresent() ? session.uploadThenReceive(upload.get()) : session.receive());
    }

    private Delivery writeSigningRequest(Name name, Command command, Output output) throws IOException {
        KeyPair keys = keyType().generate(new SecureRandom());
        Path key = csr.resolveSibling(csr.getFileName() + ".key");
        PrivateKeyFile.write(new UserFile(key, "its key"), keys.getPrivate());
        new UserFile(csr, "the signing request (--csr)").write(Pem.encode(SigningRequest.create(
                requestedName(name, command), Optional.of(command), keys)));
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

    /** {@code HOST[:PORT]} resolved: a port that is no port is a usage error, a host that does not resolve 122. */
    static InetSocketAddress address(String destination) {
        int colon = destination.lastIndexOf(':');
        boolean portGiven = colon >= 0 && !destination.endsWith("]");
        String host = portGiven ? destination.substring(0, colon) : destination;
        int port = portGiven ? port(destination.substring(colon + 1), destination) : RemoteTransport.DEFAULT_PORT;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ClientFailure(ExitCode.CONNECT_FAILED, "cannot connect to " + destination + ": the host "
                    + host + " is not known here; check the name given to -d");
        }
        return address;
    }

    private static int port(String text, String destination) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ClientFailure(ExitCode.CLI_FAILED, "the port in -d " + destination + " must be a number from 1"
                + " to " + MAX_PORT + " (albatrossd's TLS endpoint listens on " + RemoteTransport.DEFAULT_PORT
                + " unless its tls.listen says otherwise)");
    }
}

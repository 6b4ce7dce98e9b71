package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real albatrossd serving mutual TLS on loopback, with a root CA and server certificate the client generated, and
 * the arguments that send a client command to it as one of the tenants the client delegated.
 */
final class RemoteHost implements AutoCloseable {
    private final Path root;
    private final DaemonFiles files;
    private final DaemonProcess daemon;
    private final int port;

    private RemoteHost(Path root, DaemonFiles files, DaemonProcess daemon, int port) {
        this.root = root;
        this.files = files;
        this.daemon = daemon;
        this.port = port;
    }

    /** Generates the root CA and server certificate under {@code root}/pki; {@link #serve} then starts the daemon. */
    static Path provisionRoot(Path root) {
        Path pki = root.resolve("pki");
        succeeds(ClientCli.inProcess("generate", "root", pki.toString()));
        return pki;
    }

    /** Delegates {@code tenant} below the root CA with the client's {@code certificate} command. */
    static void delegate(Path pki, String tenant, String... policy) {
        List<String> args = new ArrayList<>(List.of("certificate", pki.resolve("root.pem").toString(),
                pki.resolve("root.key").toString(), tenant, pki.toString()));
        args.addAll(List.of(policy));
        succeeds(ClientCli.inProcess(args.toArray(String[]::new)));
    }

    /** Starts albatrossd over files under {@code root}, its TLS endpoint on a free loopback port. */
    static RemoteHost serve(Path root, String moreTls) throws IOException {
        Path pki = root.resolve("pki");
        int port = Loopback.freePort();
        DaemonFiles files = DaemonFiles.createUnder(root.resolve("daemon"), TlsFixture.toml(port,
                pki.resolve("root.pem"), pki.resolve("server.pem"), pki.resolve("server.key"), moreTls));
        RemoteHost host = new RemoteHost(root, files, DaemonProcess.start(files), port);
        await("the TLS endpoint on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Loopback.accepts(port));
        return host;
    }

    /** The arguments of a remote command as {@code tenant}: its CA signs the fresh leaf, root.pem checks the daemon. */
    String[] remote(String tenant, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-d", "127.0.0.1:" + port, "--ca-cert", file(tenant + ".pem"), "--ca-key",
                file(tenant + ".key"), "--server-ca", file("root.pem")));
        return args.toArray(String[]::new);
    }

    /** The arguments of a command over the daemon's local socket, which acts at the root. */
    String[] local(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--socket", files.socket().toString()));
        return args.toArray(String[]::new);
    }

    /** The TLS endpoint, for a test that talks to it past the client. */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    String file(String name) {
        return root.resolve("pki").resolve(name).toString();
    }

    Path root() {
        return root;
    }

    String log() {
        return daemon.log();
    }

    /** Prints the daemon's output when a test fails: the assertion alone rarely says why the daemon did what it did. */
    static DaemonLogOnFailure logOnFailure(Supplier<RemoteHost> host) {
        return new DaemonLogOnFailure(() -> host.get() == null ? null : host.get().daemon);
    }

    static ClientCli.Run succeeds(ClientCli.Run run) {
        assertThat(run.exit()).as("albatross-client failed: " + run.err()).isZero();
        return run;
    }

    @Override
    public void close() throws IOException {
        daemon.close();
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

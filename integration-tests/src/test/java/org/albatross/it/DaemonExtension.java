package org.albatross.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.Command;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One real albatrossd for a test class: started before the first test over fresh files, stopped after the last
 * and its files removed. When a test fails, the daemon's output is printed. Commands go each on a new
 * connection, as albatross's client sends them.
 */
final class DaemonExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    /**
     * How long a request waits for its reply: a daemon that inflates a large image on a machine loaded to 20 takes
     * more than the client's default 30 s (BadInputCatalogueIT's I05 did).
     */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final boolean servingTls;
    private final Optional<String> solo5;
    private Path root;
    private DaemonFiles files;
    private DaemonProcess daemon;
    private TlsFixture tls;

    DaemonExtension() {
        this(false, Optional.empty());
    }

    private DaemonExtension(boolean servingTls, Optional<String> solo5) {
        this.servingTls = servingTls;
        this.solo5 = solo5;
    }

    /** A daemon that also serves its TLS endpoint on loopback, with a fresh root CA ({@link #tls()}). */
    static DaemonExtension servingTls() {
        return new DaemonExtension(true, Optional.empty());
    }

    /** A daemon that runs Solo5 images: {@code solo5} is the body of its {@code [adapters.solo5]} table. */
    static DaemonExtension withSolo5(String solo5) {
        return new DaemonExtension(false, Optional.of(solo5));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("albatross-it");
        if (servingTls) {
            tls = TlsFixture.provision(root.resolve("pki"), List.of());
        }
        files = solo5.isPresent() ? DaemonFiles.withSolo5(root, solo5.get())
                : DaemonFiles.createUnder(root, servingTls ? tls.toml() : "");
        daemon = DaemonProcess.start(files);
        if (servingTls) {
            await("the TLS endpoint at " + tls.address()).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(tls::accepts);
        }
    }

    /** The root CA and endpoint of a daemon {@link #servingTls()}. */
    TlsFixture tls() {
        if (tls == null) {
            throw new IllegalStateException(
                    "this daemon serves no TLS endpoint: register DaemonExtension.servingTls()");
        }
        return tls;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        try (var all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println(context.getDisplayName() + " failed; albatrossd's output " + daemon.log());
    }

    DaemonFiles files() {
        return files;
    }

    DaemonProcess process() {
        return daemon;
    }

    /** A new connection, e.g. to follow a stream; the caller closes it. */
    Session connect() {
        return LocalTransport.connect(files.socket(), PATIENCE);
    }

    /** Follows the event log from now on, on a connection of its own; the caller closes it. */
    Stream events() {
        Stream events = connect().open(new EventLogCommand.SubscribeCount(0), Name.ROOT);
        events.reply().success();
        return events;
    }

    /** Sends one command on its own connection and returns the reply. */
    Answer request(Command command, String name) {
        try (Session session = connect()) {
            return session.request(command, Name.parse(name));
        }
    }

    /** Sends one command followed by {@code data}, as block set does, and returns the reply. */
    Answer upload(Command command, String name, InputStream data) throws IOException {
        try (Session session = connect()) {
            return session.upload(command, Name.parse(name), data);
        }
    }

    /** Kills the daemon and the VMMs it started (a crash of the host), then starts it again over the same files. */
    void crashAndRestart() throws IOException {
        daemon.kill();
        daemon = DaemonProcess.start(files);
    }

    /** Kills the daemon alone with SIGKILL (its spawner and VMMs run on), then starts it again over the same files. */
    void crashDaemonAndRestart() throws IOException {
        daemon.crash();
        daemon = DaemonProcess.start(files);
    }

    /** Stops the daemon with SIGTERM, returns its exit code, then starts it again over the same files. */
    int terminateAndRestart() throws IOException {
        int exit = daemon.terminate();
        daemon = DaemonProcess.start(files);
        return exit;
    }
}

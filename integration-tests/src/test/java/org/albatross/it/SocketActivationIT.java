package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * albatrossd socket-activated, its Unix socket and TLS port opened by {@code systemd-socket-activate} (Debian's
 * systemd package) as systemd opens them from albatrossd.socket and albatrossd-tls.socket, with the same names
 * ({@code --fdname=local:tls}, {@code FileDescriptorName=}). systemd-socket-activate waits for the first connection,
 * then execs its program with the sockets; it never starts a program a second time, so that program is a holder: a
 * shell that keeps the sockets, as systemd does between two runs of a service, and starts the daemon on them (setting
 * {@code LISTEN_PID} to the daemon's process, as systemd does), at once and again each time the test asks once the
 * daemon has ended. The tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketActivationIT {
    private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");
    /**
     * Keeps the passed sockets and starts the daemon ("$@") on them; after it ends, again when a line can be read from
     * the FIFO named by $1. The inner shell execs the daemon, so that $$ is the daemon's process.
     */
    private static final String HOLDER = """
            again=$1; shift
            while :; do
              sh -c 'LISTEN_PID=$$; export LISTEN_PID; exec "$@"' albatrossd "$@"
              read -r line < "$again" || exit 0
            done
            """;
    /** A daemon JVM's start, or a client's, on a machine loaded to 20: tens of seconds. */
    private static final Duration WITHIN = Duration.ofMinutes(3);
    private static final long CLIENT_TIMEOUT_SECONDS = WITHIN.toSeconds();
    private static final int WAITING_LOCALLY = 3;

    @TempDir
    static Path root;
    private static Path pki;
    private static int port;
    private static DaemonFiles files;
    private static DaemonProcess activation;
    private static ListenQueue queues;

    @RegisterExtension
    static final DaemonLogOnFailure PRINT_DAEMON_LOG_ON_FAILURE = new DaemonLogOnFailure(() -> activation);

    @BeforeAll
    static void listen() throws Exception {
        assumeThat(ACTIVATE).as(ACTIVATE + " (Debian's systemd package; scripts/setup.sh installs it)").isExecutable();
        queues = new ListenQueue(root);
        pki = RemoteHost.provisionRoot(root);
        RemoteHost.delegate(pki, "a", "--unikernels", "1", "--mem", "32", "--cpus", "0");
        port = Loopback.freePort();
        files = DaemonFiles.createUnder(root.resolve("daemon"), TlsFixture.toml(port, pki.resolve("root.pem"),
                pki.resolve("server.pem"), pki.resolve("server.key"), ""));
        Path again = root.resolve("again");
        assertThat(ShellCommand.in(root, "mkfifo", again.toString()).run(WITHIN).exit()).isZero();
        activation = DaemonProcess.launch(files, List.of(ACTIVATE.toString(), "-l", files.socket().toString(),
                "-l", "127.0.0.1:" + port, "--fdname=local:tls", "sh", "-c", HOLDER, "holder", again.toString()),
                DaemonProcess.TEST_JVM_OPTIONS, System.getProperty("java.class.path"), "--systemd-socket-activation");
        await("systemd-socket-activate listens on " + files.socket() + " and port " + port).atMost(WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> queues.unix(files.socket()).isPresent() && queues.tcp(port).isPresent());
    }

    @AfterAll
    static void stop() {
        if (activation != null) {
            activation.close();
        }
    }

    @Test
    @Order(1)
    void connectionsMadeBeforeTheDaemonIsUpAreServedLocallyAndOverTls() throws Exception {
        assertThat(daemons()).as("no daemon before the first connection").isEmpty();

        try (ClientCli.Started local = client(local("info"));
                ClientCli.Started remote = client(remote("info", "--json"))) {
            ClientCli.Run localRun = local.awaitEnd(WITHIN);
            ClientCli.Run remoteRun = remote.awaitEnd(WITHIN);

            assertThat(localRun.exit()).as(localRun.err()).isZero();
            assertThat(localRun.out()).startsWith("NAME");
            assertThat(remoteRun.exit()).as(remoteRun.err()).isZero();
        }
        assertThat(activation.log()).contains("local endpoint from systemd: descriptor 3 (local) on "
                + files.socket(), "TLS endpoint from systemd: descriptor 4 (tls) on /127.0.0.1:" + port);
    }

    @Test
    @Order(2)
    void aDaemonRestartLosesNoConnectionAttempt() throws Exception {
        ProcessHandle first = daemons().get(0);
        first.destroy();
        first.onExit().get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(files.socket()).as("the socket file outlives the daemon").exists();

        List<ClientCli.Started> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < WAITING_LOCALLY; i++) {
                waiting.add(client(local("info")));
            }
            waiting.add(client(remote("info")));
            await("every client's connection waits in the sockets").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> queues.unix(files.socket()).equals(OptionalInt.of(WAITING_LOCALLY))
                            && queues.tcp(port).equals(OptionalInt.of(1)));
            assertThat(daemons()).as("no daemon while they wait").isEmpty();

            startAgain();

            for (ClientCli.Started client : waiting) {
                ClientCli.Run run = client.awaitEnd(WITHIN);
                assertThat(run.exit()).as(run.err()).isZero();
            }
        } finally {
            waiting.forEach(ClientCli.Started::close);
        }
        assertThat(daemons()).hasSize(1).doesNotContain(first);
    }

    @Test
    @Order(3)
    void theDaemonsChildrenDoNotSeeTheSocketActivationVariables() throws Exception {
        Path image = Files.write(root.resolve("web.img"), TestKernel.bytes());
        ClientCli.Run created = ClientCli.process(root, local("create", "web", image.toString(), "--arg", "forever"));
        assertThat(created.exit()).as(created.err()).isZero();
        ProcessHandle daemon = daemons().get(0);

        List<ProcessHandle> children = RunFrom.processes(files.root()).stream()
                .filter(process -> process.pid() != daemon.pid() && process.pid() != activation.handle().pid())
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants())).distinct().toList();

        assertThat(environment(daemon)).contains("LISTEN_PID=" + daemon.pid(), "LISTEN_FDS=2",
                "LISTEN_FDNAMES=local:tls");
        assertThat(children).as("the spawner and QEMU").hasSizeGreaterThanOrEqualTo(2);
        for (ProcessHandle child : children) {
            assertThat(environment(child)).as(child.info().commandLine().orElse("process " + child.pid()))
                    .noneMatch(variable -> variable.startsWith("LISTEN_"));
        }
    }

    private static List<String> environment(ProcessHandle process) throws IOException {
        return List.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ")).split("\0"));
    }

    /** The daemon JVM: the holder's child, while one runs. */
    private static List<ProcessHandle> daemons() {
        return activation.handle().children().toList();
    }

    /** Tells the holder to start the daemon again: a line into its FIFO, which it reads once the daemon ended. */
    private static void startAgain() throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(root.resolve("again"), "start\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ClientCli.Started client(String... args) throws IOException {
        return ClientCli.start(root, args);
    }

    private static String[] local(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--socket", files.socket().toString(), "--timeout",
                String.valueOf(CLIENT_TIMEOUT_SECONDS)));
        return args.toArray(String[]::new);
    }

    private static String[] remote(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-d", "127.0.0.1:" + port, "--ca-cert", pki.resolve("a.pem").toString(), "--ca-key",
                pki.resolve("a.key").toString(), "--server-ca", pki.resolve("root.pem").toString(), "--timeout",
                String.valueOf(CLIENT_TIMEOUT_SECONDS)));
        return args.toArray(String[]::new);
    }
}

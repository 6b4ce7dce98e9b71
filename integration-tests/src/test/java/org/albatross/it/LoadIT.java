package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Label;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9's load test, against a real albatrossd over loopback: 200 concurrent TLS clients, a connection flood beyond
 * the per-address and overall limits, and slow clients; the limits hold, well-behaved tenants are served throughout,
 * and the daemon's file descriptors and threads come back to where they were. Flood and slow clients come from
 * other loopback addresses (127.0.0.2 and up) than the tenants (127.0.0.1), as they would from other hosts.
 */
class LoadIT {
    private static final int CLIENTS = 200;
    private static final int TENANTS = 10;
    /** Clients that create and destroy their tenant's unikernel over and over; the others ask for info and consoles. */
    private static final int CREATORS = 4;
    private static final Duration LOAD_FOR = Duration.ofSeconds(10);
    /**
     * Longer than the floods take on a loaded machine: while the test counts a flood's connections, only the limits
     * close them, never this timeout.
     */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CONNECTIONS = 300;
    private static final int MAX_PER_ADDRESS = 220;
    /** As many as connections: the 200 clients may all be in their handshake at once on a slow machine. */
    private static final int MAX_HANDSHAKES = MAX_CONNECTIONS;
    /** Generous for a 2-core machine that also runs 200 clients and QEMU: a reply is usually there in milliseconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Policy TENANT_POLICY = new Policy(1, Set.of(0), 32, Optional.empty(), Set.of());

    private static Path root;
    private static CertificateAuthority rootCa;
    private static List<CertificateAuthority> tenants;
    private static DaemonProcess daemon;
    private static InetSocketAddress endpoint;
    private static TlsClient client;

    @RegisterExtension
    static final DaemonLogOnFailure PRINT_DAEMON_LOG_ON_FAILURE = new DaemonLogOnFailure(() -> daemon);

    @BeforeAll
    static void provisionAndStart() throws Exception {
        root = Files.createTempDirectory("albatross-load-it");
        rootCa = CertificateAuthority.createRoot("load root", KeyType.P256, Duration.ofDays(1), Clock.systemUTC());
        Credential server = rootCa.issueServer("albatrossd", KeyType.P256, Duration.ofDays(1));
        tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            tenants.add(rootCa.delegate(Label.of("t" + i), TENANT_POLICY, KeyType.P256, Duration.ofDays(1)));
        }
        int port = Loopback.freePort();
        DaemonFiles files = DaemonFiles.createUnder(root.resolve("daemon"), TlsFixture.toml(port,
                write("root.pem", Pem.encode(rootCa.certificate())), write("server.pem", Pem.encode(server.chain())),
                TlsFixture.writeKey(root.resolve("server.key"), server.key()), """
                handshake-timeout = "%ds"
                idle-timeout = "%ds"
                max-connections = %d
                max-connections-per-address = %d
                max-handshakes = %d""".formatted(HANDSHAKE_TIMEOUT.toSeconds(),
                        IDLE_TIMEOUT.toSeconds(), MAX_CONNECTIONS, MAX_PER_ADDRESS, MAX_HANDSHAKES)));
        daemon = DaemonProcess.start(files);
        endpoint = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        client = new TlsClient(endpoint, rootCa.certificate(), PATIENCE);
        await("the TLS endpoint on port " + port).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> Loopback.accepts(port));
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theDaemonServesLoadAFloodAndSlowClientsWithinItsLimitsAndLeaksNothing() throws Exception {
        warmUp();
        Resources baseline = Resources.of(daemon.handle());

        concurrentClientsAreAllServed();
        aFloodIsHeldToTheLimitsWhileATenantIsServed();
        slowClientsAreCutByTheTimeoutsWhileATenantIsServed();

        // Netty's event loops, the event recorder and the state thread exist since the warm-up. What may remain
        // are the JIT's compiler threads, which the JVM starts under load and ends once idle, and jar files opened
        // for classes first loaded under load: a few of each, not one per connection.
        await("albatrossd's file descriptors and threads back to " + baseline).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    Resources now = Resources.of(daemon.handle());
                    assertThat(now.fileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(
                            baseline.fileDescriptors() + 8);
                    assertThat(now.threads()).as("threads").isLessThanOrEqualTo(baseline.threads() + 4);
                });
        System.out.println("LoadIT: albatrossd before " + baseline + ", after " + Resources.of(daemon.handle()));
        assertThat(daemon.tenders()).as("VMMs left running").isEmpty();
        assertThat(info(tenants.get(0))).isInstanceOf(Success.UnikernelInfos.class);
    }

    /** Every kind of command once, and enough connections to start every event loop, before the baseline. */
    private static void warmUp() throws IOException {
        for (int i = 0; i < 8; i++) {
            assertThat(info(tenants.get(i % TENANTS))).isInstanceOf(Success.UnikernelInfos.class);
        }
        assertThat(client.send(tenants.get(0), "vm", create())).isInstanceOf(Success.class);
        assertThat(client.send(tenants.get(0), "vm", new ConsoleCommand.SubscribeCount(1)))
                .isInstanceOf(Success.class);
        assertThat(client.send(tenants.get(0), "vm", new UnikernelCommand.Destroy())).isInstanceOf(Success.class);
    }

    private static void concurrentClientsAreAllServed() throws Exception {
        Instant until = Instant.now().plus(LOAD_FOR);
        Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(CLIENTS);
        try {
            List<CompletableFuture<Integer>> served = IntStream.range(0, CLIENTS).mapToObj(index ->
                    new PacedClient(index, until, answered, clients).start()).toList();
            for (CompletableFuture<Integer> commands : served) {
                assertThat(commands.get(LOAD_FOR.plus(PATIENCE).toSeconds(), TimeUnit.SECONDS))
                        .as("commands answered for one client").isPositive();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("LoadIT: " + CLIENTS + " clients for " + LOAD_FOR + ", commands answered: " + answered);
        assertThat(answered).containsKeys("Info", "SubscribeCount", "Create", "Destroy");
    }

    /**
     * One of the concurrent clients: a command every {@link #PACE} or so, each of which must succeed, until the
     * deadline, and at least one. Paced, as people and scripts are, rather than as fast as a 2-core machine that runs the clients
     * too can go: the point is many clients at once, not the highest rate (RemoteCommandBenchmark measures that).
     */
    private static final class PacedClient implements Runnable {
        private static final Duration PACE = Duration.ofMillis(1500);

        private final int index;
        private final Instant until;
        private final Map<String, AtomicInteger> answered;
        private final ScheduledExecutorService scheduler;
        private final CompletableFuture<Integer> done = new CompletableFuture<>();
        private int sent;

        PacedClient(int index, Instant until, Map<String, AtomicInteger> answered,
                ScheduledExecutorService scheduler) {
            this.index = index;
            this.until = until;
            this.answered = answered;
            this.scheduler = scheduler;
        }

        /** Starts at a point within the first pace, so that the clients do not all connect at the same instant. */
        CompletableFuture<Integer> start() {
            scheduler.schedule(this, PACE.toMillis() * index / CLIENTS, TimeUnit.MILLISECONDS);
            return done;
        }

        @Override
        public void run() {
            try {
                // Every client is served at least once, however slow the machine is to start them all.
                if (sent == 0 || Instant.now().isBefore(until)) {
                    send();
                    scheduler.schedule(this, PACE.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    // A creator ends with its unikernel destroyed, so that no VMM outlives the test.
                    if (creates() && sent % 2 == 1) {
                        send();
                    }
                    done.complete(sent);
                }
            } catch (IOException | RuntimeException | AssertionError e) {
                done.completeExceptionally(e);
            }
        }

        private boolean creates() {
            return index < CREATORS;
        }

        private void send() throws IOException {
            Command command;
            String label = "vm";
            if (creates()) {
                command = sent % 2 == 0 ? create() : new UnikernelCommand.Destroy();
            } else if ((index + sent) % 3 == 0) {
                command = new ConsoleCommand.SubscribeCount(1);
            } else {
                command = new UnikernelCommand.Info();
                label = ".";
            }
            Payload reply = client.send(tenants.get(index % TENANTS), label, command);
            assertThat(reply).as("client %d: %s", index, command).isInstanceOf(Success.class);
            answered.computeIfAbsent(command.getClass().getSimpleName(), kind -> new AtomicInteger())
                    .incrementAndGet();
            sent++;
        }
    }

    /**
     * Beyond its address's limit a connection is refused; beyond the overall limit, while connections that have not
     * finished their handshake are open, it takes the place of the oldest of them from the address with the most.
     */
    private void aFloodIsHeldToTheLimitsWhileATenantIsServed() throws Exception {
        int perAddressBeyond = 30;
        int overallBeyond = 20;
        try (Flood fromOneAddress = Flood.open(endpoint, "127.0.0.2", MAX_PER_ADDRESS + perAddressBeyond)) {
            fromOneAddress.awaitClosedByTheDaemon(perAddressBeyond, PATIENCE);
            assertThat(info(tenants.get(1))).as("a tenant during the flood").isInstanceOf(Success.UnikernelInfos.class);
            int roomLeft = MAX_CONNECTIONS - MAX_PER_ADDRESS;
            try (Flood fromAnother = Flood.open(endpoint, "127.0.0.3", roomLeft + overallBeyond)) {
                fromOneAddress.awaitClosedByTheDaemon(perAddressBeyond + overallBeyond, PATIENCE);
                assertThat(fromAnother.closedByTheDaemon()).as("closed from the address with fewer").isZero();
            }
        }
        assertThat(logLines("/127.0.0.2:", "at most " + MAX_PER_ADDRESS + " from 127.0.0.2"))
                .isEqualTo(perAddressBeyond);
        assertThat(logLines("from 127.0.0.2, the most from one address, made room")).isEqualTo(overallBeyond);
        assertThat(info(tenants.get(1))).as("a tenant after the flood").isInstanceOf(Success.UnikernelInfos.class);
    }

    private void slowClientsAreCutByTheTimeoutsWhileATenantIsServed() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Flood slowHandshakes = Flood.open(endpoint, "127.0.0.4", 3)) {
            byte[] hello = clientHello();
            // One byte of a real ClientHello every 200 ms: far slower than the handshake timeout allows.
            AtomicInteger next = new AtomicInteger();
            trickle.scheduleAtFixedRate(() -> slowHandshakes.sendToAll(hello[next.getAndIncrement() % hello.length]),
                    0, 200, TimeUnit.MILLISECONDS);
            // A create that announces a streamed image, then sends the first byte of a frame and nothing more.
            TlsClient.Connection stalled = client.open(tenants.get(2), "vm",
                    new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config().withImage(Octets.EMPTY)));
            stalled.sendRaw(new byte[] {0});

            assertThat(info(tenants.get(3))).as("a tenant beside slow clients").isInstanceOf(Success.UnikernelInfos.class);
            slowHandshakes.awaitClosedByTheDaemon(3, HANDSHAKE_TIMEOUT.plus(PATIENCE));
            await("the stalled stream closed by the idle timeout").atMost(IDLE_TIMEOUT.plus(PATIENCE))
                    .until(stalled::isClosed);
        } finally {
            trickle.shutdownNow();
        }
        assertThat(logLines("/127.0.0.4:", "TLS handshake not finished in time")).isEqualTo(3);
        assertThat(logLines("(tenant t2): connection idle for too long")).isEqualTo(1);
    }

    private static Payload info(CertificateAuthority tenant) throws IOException {
        return client.send(tenant, ".", new UnikernelCommand.Info());
    }

    private static Command create() {
        return new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config());
    }

    /** The first flight of a TLS 1.3 client, as the JDK sends it. */
    private static byte[] clientHello() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, null, null);
        SSLEngine engine = tls.createSSLEngine();
        engine.setUseClientMode(true);
        ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), hello);
        byte[] bytes = new byte[hello.flip().remaining()];
        hello.get(bytes);
        return bytes;
    }

    /** How many lines of the daemon's log contain every one of {@code texts}. */
    private static long logLines(String... texts) {
        return daemon.log().lines().filter(line -> Stream.of(texts).allMatch(line::contains)).count();
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(root.resolve(name), content);
    }

    /** What a process holds: open file descriptors and threads, from /proc. */
    record Resources(long fileDescriptors, long threads) {
        static Resources of(ProcessHandle process) throws IOException {
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            return new Resources(count(proc.resolve("fd")), count(proc.resolve("task")));
        }

        private static long count(Path directory) throws IOException {
            try (Stream<Path> entries = Files.list(directory)) {
                return entries.count();
            }
        }
    }
}

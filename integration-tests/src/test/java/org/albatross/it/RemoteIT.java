package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Issue 6's acceptance scenario, end to end on loopback: the client provisions a root CA and tenants A (2
 * unikernels, 64 MB) and B (1, 32 MB), a real albatrossd serves them over mutual TLS, and each tenant runs
 * albatross-client commands with a fresh leaf per command. The tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT_WITHIN = Duration.ofSeconds(60);

    private static Path root;
    private static Path pki;
    private static Path image;
    private static DaemonProcess daemon;
    private static int port;

    @RegisterExtension
    static final TestWatcher PRINT_DAEMON_LOG_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.err.println(context.getDisplayName() + " failed; albatrossd's output:\n" + daemon.log());
        }
    };

    @BeforeAll
    static void provisionAndStart() throws Exception {
        root = Files.createTempDirectory("albatross-remote-it");
        pki = Files.createDirectories(root.resolve("pki"));
        image = TestKernel.writeTo(root.resolve("web.img"));
        succeeds(ClientCli.inProcess("generate", "root", pki.toString()));
        succeeds(ClientCli.inProcess("certificate", file("root.pem"), file("root.key"), "a", pki.toString(),
                "--unikernels", "2", "--mem", "64", "--cpus", "0"));
        succeeds(ClientCli.inProcess("certificate", file("root.pem"), file("root.key"), "b", pki.toString(),
                "--unikernels", "1", "--mem", "32", "--cpus", "0"));
        succeeds(ClientCli.inProcess("certificate", file("root.pem"), file("root.key"), "revoked", pki.toString(),
                "--unikernels", "1", "--mem", "32", "--cpus", "0"));
        revoke("revoked");
        port = TlsFixture.freePort();
        DaemonFiles files = DaemonFiles.createUnder(root.resolve("daemon"), TlsFixture.toml(port,
                pki.resolve("root.pem"), pki.resolve("server.pem"), pki.resolve("server.key"),
                pki.resolve("crl.pem")));
        daemon = DaemonProcess.start(files);
        await("the TLS endpoint on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(RemoteIT::endpointAccepts);
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void tenantACreatesTheTestKernelRemotelyAndInfoShowsIt() throws Exception {
        ClientCli.Run created = ClientCli.process(root, remote("a", "create", image.toString(), "--arg", "forever"));

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(names("a")).containsExactly("a:web");
    }

    @Test
    @Order(2)
    void tenantAAttachesToTheConsoleRemotelyAndSeesTheBanner() throws Exception {
        try (ClientCli.Started console = ClientCli.start(root, remote("a", "console", "web"))) {
            console.awaitOutput(TestUnikernel.BANNER, BOOT_WITHIN);
        }
    }

    @Test
    @Order(3)
    void aThirdUnikernelOfAIsRefusedWithTheLimit() {
        succeeds(ClientCli.inProcess(remote("a", "create", image.toString(), "--name", "second", "--arg", "forever")));

        ClientCli.Run third = ClientCli.inProcess(remote("a", "create", image.toString(), "--name", "third",
                "--arg", "forever"));

        assertThat(third.exit()).isEqualTo(117);
        assertThat(third.err()).hasLineCount(1).contains("unikernels", "2");
        assertThat(names("a")).containsExactlyInAnyOrder("a:web", "a:second");
    }

    @Test
    @Order(4)
    void anOverMemoryCreateOfBIsRefusedWithTheLimit() {
        ClientCli.Run big = ClientCli.inProcess(remote("b", "create", image.toString(), "--mem", "48"));

        assertThat(big.exit()).isEqualTo(117);
        assertThat(big.err()).hasLineCount(1).contains("memory", "48");
        assertThat(names("b")).isEmpty();
    }

    @Test
    @Order(5)
    void tenantBCannotSeeOrDestroyAsUnikernels() {
        ClientCli.Run destroy = ClientCli.inProcess(remote("b", "destroy", "web"));

        assertThat(names("b")).isEmpty();
        assertThat(destroy.exit()).isEqualTo(117);
        assertThat(destroy.err()).contains("not found").doesNotContain("a:web");
        assertThat(names("a")).contains("a:web");
    }

    @Test
    @Order(6)
    void aSubTenantOfAWithMoreThanAIsRefused() {
        ClientCli.Run refused = ClientCli.inProcess("certificate", file("a.pem"), file("a.key"), "bigger",
                pki.toString(), "--unikernels", "3", "--mem", "64", "--cpus", "0");

        assertThat(refused.exit()).isEqualTo(124);
        assertThat(refused.err()).hasLineCount(1).contains("cannot delegate bigger");
        assertThat(pki.resolve("bigger.pem")).doesNotExist();
    }

    @Test
    @Order(7)
    void aRevokedTenantIsRefused() {
        ClientCli.Run run = ClientCli.inProcess(remote("revoked", "info"));

        assertThat(run.exit()).isIn(117, 119);
        assertThat(run.err()).hasLineCount(1).containsIgnoringCase("revoked");
    }

    @Test
    @Order(8)
    void jsonOutputParsesAndMatchesTheHumanTable() throws Exception {
        ClientCli.Run human = ClientCli.inProcess(remote("a", "info"));
        ClientCli.Run json = ClientCli.inProcess(remote("a", "info", "--json"));

        JsonNode reply = JSON.readTree(json.out());
        List<String> rows = human.out().lines().skip(1).toList();
        assertThat(reply.get("kind").asText()).isEqualTo("unikernel-infos");
        assertThat(reply.get("unikernels")).hasSize(rows.size());
        for (JsonNode unikernel : reply.get("unikernels")) {
            String name = unikernel.get("name").asText();
            String row = rows.stream().filter(line -> line.startsWith(name + " ")).findFirst().orElseThrow();
            assertThat(row.split("\\s+")).contains(unikernel.get("info").get("memory_mb").asText(),
                    unikernel.get("info").get("started").asText());
        }
    }

    @Test
    void consoleFooOnSocketDashPrintsAlbatrosssBytes() throws IOException {
        String expected = AlbatrossVectors.text("wire1.hex").strip();

        ClientCli.Run run = ClientCli.inProcess("--socket", "-", "console", "foo");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo(expected);
    }

    private static List<String> names(String tenant) {
        ClientCli.Run info = succeeds(ClientCli.inProcess(remote(tenant, "info", "--json")));
        try {
            JsonNode reply = JSON.readTree(info.out());
            return StreamSupport.stream(reply.get("unikernels").spliterator(), false)
                    .map(unikernel -> unikernel.get("name").asText()).toList();
        } catch (IOException e) {
            throw new AssertionError("info --json printed no JSON: " + info.out(), e);
        }
    }

    /** The arguments of a remote command as {@code tenant}: its CA signs the fresh leaf, root.pem checks the daemon. */
    private static String[] remote(String tenant, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-d", "127.0.0.1:" + port, "--ca-cert", file(tenant + ".pem"), "--ca-key",
                file(tenant + ".key"), "--server-ca", file("root.pem")));
        return args.toArray(String[]::new);
    }

    private static ClientCli.Run succeeds(ClientCli.Run run) {
        assertThat(run.exit()).as("albatross-client failed: " + run.err()).isZero();
        return run;
    }

    private static String file(String name) {
        return pki.resolve(name).toString();
    }

    /** Writes crl.pem, signed by the root, naming the tenant CA's serial. */
    private static void revoke(String tenant) throws IOException {
        CertificateAuthority rootCa = CertificateAuthority.of(new Credential(
                Pem.certificates(Files.readString(pki.resolve("root.pem"))),
                Pem.privateKey(Files.readString(pki.resolve("root.key")))), Clock.systemUTC());
        var revoked = Pem.certificates(Files.readString(pki.resolve(tenant + ".pem"))).get(0).getSerialNumber();
        Files.writeString(pki.resolve("crl.pem"),
                Pem.encode(rootCa.issueRevocationList(List.of(revoked), Duration.ofDays(1))));
    }

    private static boolean endpointAccepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}

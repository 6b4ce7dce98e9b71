package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.albatross.it.RemoteHost.succeeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.albatross.client.transport.RemoteTransport;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Session;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6's acceptance scenario, end to end on loopback: the client provisions a root CA and tenants A (2
 * unikernels, 64 MB) and B (1, 32 MB), a real albatrossd serves them over mutual TLS, and each tenant runs
 * albatross-client commands with a fresh leaf per command. The tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A client JVM, a TLS handshake and QEMU's boot: about 45 s beside a CPU hog at load 20 (docs/reliability.md). */
    private static final Duration BOOT_WITHIN = Duration.ofMinutes(3);

    private static RemoteHost host;
    private static Path pki;
    private static Path image;

    @RegisterExtension
    static final DaemonLogOnFailure PRINT_DAEMON_LOG_ON_FAILURE = RemoteHost.logOnFailure(() -> host);

    @BeforeAll
    static void provisionAndStart() throws Exception {
        Path root = Files.createTempDirectory("albatross-remote-it");
        pki = RemoteHost.provisionRoot(root);
        image = Files.write(root.resolve("web.img"), TestKernel.bytes());
        RemoteHost.delegate(pki, "a", "--unikernels", "2", "--mem", "64", "--cpus", "0");
        RemoteHost.delegate(pki, "b", "--unikernels", "1", "--mem", "32", "--cpus", "0");
        RemoteHost.delegate(pki, "revoked", "--unikernels", "1", "--mem", "32", "--cpus", "0");
        revoke("revoked");
        host = RemoteHost.serve(root, "crl = \"" + file("crl.pem") + "\"");
    }

    @AfterAll
    static void stop() throws IOException {
        if (host != null) {
            host.close();
        }
    }

    @Test
    @Order(0)
    void theClientProvisionedARootCaAndTwoTenantsCarryingTheirPolicies() throws Exception {
        JsonNode a = JSON.readTree(succeeds(ClientCli.inProcess("inspect", file("a.pem"), "--json")).out()
                .lines().findFirst().orElseThrow());
        JsonNode b = JSON.readTree(succeeds(ClientCli.inProcess("inspect", file("b.pem"), "--json")).out()
                .lines().findFirst().orElseThrow());

        assertThat(a.get("subject").asText()).isEqualTo("CN=a");
        assertThat(a.get("issuer").asText()).isEqualTo("CN=root");
        assertThat(a.get("ca").asBoolean()).isTrue();
        assertThat(a.get("policy").get("unikernels").asInt()).isEqualTo(2);
        assertThat(a.get("policy").get("memory_mb").asInt()).isEqualTo(64);
        assertThat(b.get("policy").get("unikernels").asInt()).isEqualTo(1);
        assertThat(b.get("policy").get("memory_mb").asInt()).isEqualTo(32);
    }

    @Test
    @Order(1)
    void tenantACreatesTheTestKernelRemotelyAndInfoShowsIt() throws Exception {
        ClientCli.Run created = ClientCli.process(host.root(), remote("a", "create", image.toString(), "--arg",
                "forever"));

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(names("a")).containsExactly("a:web");
    }

    @Test
    @Order(2)
    void tenantAAttachesToTheConsoleRemotelyAndSeesTheBanner() throws Exception {
        try (ClientCli.Started console = ClientCli.start(host.root(), remote("a", "console", "web"))) {
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
        assertThat(third.err()).hasLineCount(1).contains("maximum amount of unikernels", "2 allowed");
        assertThat(names("a")).containsExactlyInAnyOrder("a:web", "a:second");
    }

    @Test
    @Order(4)
    void anOverMemoryCreateOfBIsRefusedWithTheLimit() {
        ClientCli.Run big = ClientCli.inProcess(remote("b", "create", image.toString(), "--mem", "48"));

        assertThat(big.exit()).isEqualTo(117);
        assertThat(big.err()).hasLineCount(1).contains("too much memory", "requested 48 MB", "32 MB allowed");
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
    @Order(5)
    void tenantBAttachingToTheSameNameWaitsForItsOwnInsteadOfSeeingAs() throws Exception {
        Answer owner = firstReply("a", "web", new ConsoleCommand.SubscribeCount(20));
        Answer sibling = firstReply("b", "web", new ConsoleCommand.SubscribeCount(20));

        assertThat(owner.success()).isEqualTo(new Success.Message("subscribed"));
        assertThat(sibling.success()).as("b:web does not exist; A's a:web is neither attached nor revealed")
                .isEqualTo(new Success.Message("waiting for VM"));
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
    @Order(6)
    void aSubTenantOfAForgedWithMoreThanAIsRefusedByTheDaemon() throws Exception {
        Credential leaf = ForgedDelegation.commandBelowForgedCa(pki, "a", "forged",
                new Policy(3, Set.of(0), 64, Optional.empty(), Set.of()), new UnikernelCommand.Info());

        try (Session session = RemoteTransport.connect(host.address(), leaf, rootCertificate(),
                Duration.ofMinutes(2))) {
            Answer reply = session.receive().reply();

            assertThat(reply).isInstanceOfSatisfying(Answer.Failed.class, refused -> assertThat(refused.message())
                    .contains("a:forged", "3 unikernels", "2"));
        }
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
    @Order(9)
    void aTenantRevokedWhileTheDaemonRunsIsRefusedAtItsNextCommandWithoutASignal() {
        assertThat(ClientCli.inProcess(remote("b", "info")).exit()).as("b before").isZero();

        revoke("b");

        ClientCli.Run run = ClientCli.inProcess(remote("b", "info"));
        assertThat(run.exit()).isIn(117, 119);
        assertThat(run.err()).hasLineCount(1).contains("was revoked");
    }

    @Test
    void consoleFooOnSocketDashPrintsAlbatrosssBytes() throws IOException {
        String expected = AlbatrossVectors.text("wire1.hex").strip();

        ClientCli.Run run = ClientCli.inProcess("--socket", "-", "console", "foo");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo(expected);
    }

    /** The daemon's first reply to {@code command} sent as {@code tenant}'s leaf for {@code label}, past the CLI. */
    private static Answer firstReply(String tenant, String label, Command command) throws IOException {
        CertificateAuthority ca = CertificateAuthority.of(new Credential(
                Pem.certificates(Files.readString(pki.resolve(tenant + ".pem"))),
                Pem.privateKey(Files.readString(pki.resolve(tenant + ".key")))), Clock.systemUTC());
        Credential leaf = ca.issueCommand(label, command, KeyType.P256);
        Credential presented = new Credential(leaf.chain().subList(0, leaf.chain().size() - 1), leaf.key());
        try (Session session = RemoteTransport.connect(host.address(), presented, rootCertificate(),
                Duration.ofMinutes(2))) {
            return session.receive().reply();
        }
    }

    private static List<X509Certificate> rootCertificate() throws IOException {
        return Pem.certificates(Files.readString(pki.resolve("root.pem")));
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

    private static String file(String name) {
        return pki.resolve(name).toString();
    }

    private static String[] remote(String tenant, String... command) {
        return host.remote(tenant, command);
    }

    /** Adds the tenant CA to crl.pem (made if missing) with the client's revoke, as an operator does. */
    private static void revoke(String tenant) {
        ClientCli.Run run = succeeds(ClientCli.inProcess("revoke", file("root.pem"), file("root.key"),
                file("crl.pem"), file(tenant + ".pem")));
        assertThat(run.out()).startsWith("revoked \"CN=" + tenant + "\"");
    }
}

package org.albatross.daemon.endpoint.tls;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.testing.LogCapture;
import org.albatross.daemon.testing.WithFakeDaemon;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The remote endpoint over real TLS on loopback: a client chain from the policy module's CA, a small Netty client,
 * and the daemon's core with a fake launcher behind it.
 */
class TlsEndpointTest extends WithFakeDaemon {
    static final Policy TENANT = new Policy(4, Set.of(0), 512, Optional.of(100L), Set.of());
    /** A timeout no test reaches, for the limits a test does not try. */
    private static final Duration LONG = Duration.ofMinutes(1);

    private final LogCapture refusalLog = new LogCapture(Refusals.class);

    private RemotePki pki;
    private RemoteClient client;
    private TlsEndpoint endpoint;

    static Stream<SslProvider> providers() {
        return OpenSsl.isAvailable() ? Stream.of(SslProvider.JDK, SslProvider.OPENSSL) : Stream.of(SslProvider.JDK);
    }

    @BeforeEach
    void provision() throws Exception {
        pki = new RemotePki(directory);
        client = new RemoteClient();
    }

    @AfterEach
    void stop() {
        refusalLog.close();
        client.close();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private void serve(SslProvider provider, DaemonConfig.TlsLimits limits) throws Exception {
        endpoint = TlsEndpoint.bind(TlsEndpoint.Credentials.read(pki.config(limits), provider), daemon.dispatcher,
                daemon.events::add, Clock.systemUTC());
    }

    /** Serves with timeouts no handshake reaches, however loaded the machine, for tests of something else. */
    private void serve(SslProvider provider) throws Exception {
        serve(provider, new DaemonConfig.TlsLimits(LONG, LONG, 64, 16, 64, 16 << 20));
    }

    private RemoteClient.Connection connect(SslProvider provider, Credential leaf) throws Exception {
        return client.open(endpoint.address(), RemoteClient.context(provider, leaf, pki.root.certificate()));
    }

    private Payload answer(Credential leaf) throws Exception {
        return connect(SslProvider.JDK, leaf).reply().payload();
    }

    private void createLocally(String name) {
        Payload created = daemon.dispatcher.dispatch(new Header(1, Name.parse(name)),
                new UnikernelCommand.Create(testKernel()), () -> { }).join().answer();
        assertThat(created).as("created " + name).isInstanceOf(Success.class);
    }

    private static List<String> names(Payload infos) {
        return ((Success.UnikernelInfos) infos).unikernels().stream().map(info -> info.name().toString()).toList();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aCommandRunsAtTheTenantsPathAfterItsPolicyIsInstalled(SslProvider provider) throws Exception {
        serve(provider);
        createLocally("a:web");
        createLocally("b:web");
        Credential leaf = RemotePki.command(RemotePki.tenant(pki.root, "a", TENANT), ".",
                new UnikernelCommand.Info());

        RemoteClient.Connection connection = connect(provider, leaf);
        Wire reply = connection.reply();

        assertThat(reply.header().name()).isEqualTo(Name.parse("a:"));
        assertThat(names(reply.payload())).containsExactly("a:web");
        assertThat(daemon.events).contains(new Event.PolicyChanged(Path.parse("a"), Optional.of(TENANT)));
        connection.awaitClosed();
        Event.Session session = new Event.Session(Path.parse("a"), leaf.certificate().getSerialNumber(),
                connection.channel().localAddress().toString());
        Awaitility.await().atMost(RemoteClient.PATIENCE).untilAsserted(() -> assertThat(daemon.events)
                .contains(new Event.Login(session), new Event.Logout(session)));
    }

    @Test
    void theSamePolicyAgainChangesNothing() throws Exception {
        serve(SslProvider.JDK);
        CertificateAuthority tenant = RemotePki.tenant(pki.root, "a", TENANT);
        answer(RemotePki.command(tenant, ".", new UnikernelCommand.Info()));
        answer(RemotePki.command(tenant, ".", new UnikernelCommand.Info()));
        assertThat(daemon.events.stream().filter(Event.PolicyChanged.class::isInstance)).hasSize(1);
        assertThat(daemon.meters.get("albatross.tls.handshakes").tag("outcome", "success").counter().count())
                .isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void tls12IsRefused(SslProvider provider) throws Exception {
        serve(provider);
        Credential leaf = RemotePki.command(RemotePki.tenant(pki.root, "a", TENANT), ".", new UnikernelCommand.Info());
        SslContext tls12 = RemoteClient.context(provider, Optional.of(leaf), pki.root.certificate(), "TLSv1.2");
        assertRefusedAtHandshake(client.open(endpoint.address(), tls12));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aClientWithoutCertificateIsRefused(SslProvider provider) throws Exception {
        serve(provider);
        SslContext anonymous = RemoteClient.context(provider, Optional.empty(), pki.root.certificate(), "TLSv1.3");
        assertRefusedAtHandshake(client.open(endpoint.address(), anonymous));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aChainFromAnotherCaIsRefused(SslProvider provider) throws Exception {
        serve(provider);
        CertificateAuthority stranger = CertificateAuthority.createRoot("stranger", RemotePki.KEYS,
                RemotePki.VALIDITY, Clock.systemUTC());
        Credential leaf = RemotePki.command(RemotePki.tenant(stranger, "a", TENANT), ".", new UnikernelCommand.Info());
        assertRefusedAtHandshake(connect(provider, leaf));
    }

    private void assertRefusedAtHandshake(RemoteClient.Connection connection) {
        connection.awaitClosed();
        assertThat(connection.replies()).isEmpty();
        assertRefusedOnce(Refusal.HANDSHAKE_FAILED, Path.ROOT, connection.channel());
        assertThat(daemon.events).noneMatch(Event.Login.class::isInstance);
    }

    /** The refusals recorded, once at least one is: the endpoint records events on a thread of its own. */
    private List<Event.CommandRefused> refusalEvents() {
        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() -> daemon.events.stream()
                .anyMatch(Event.CommandRefused.class::isInstance));
        return daemon.events.stream().filter(Event.CommandRefused.class::isInstance)
                .map(Event.CommandRefused.class::cast).toList();
    }

    @Test
    void anExpiredLeafIsRefusedWithTheReasonAndRecordedWithTheSessionItClaims() throws Exception {
        serve(SslProvider.JDK);
        CertificateAuthority tenant = RemotePki.tenant(pki.root, "a", TENANT);
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        Credential expired = CertificateAuthority.of(tenant.credential(), anHourAgo).issueCommand(".",
                new UnikernelCommand.Info(), RemotePki.KEYS);

        assertThat(answer(expired)).isInstanceOfSatisfying(Failure.class, failure ->
                assertThat(failure.message()).startsWith("certificate expired"));
        assertThat(endpoint.refusals().count(Refusal.CHAIN_REFUSED)).isEqualTo(1);
        assertThat(daemon.events).noneMatch(Event.PolicyChanged.class::isInstance);
        assertThat(refusalEvents()).singleElement().satisfies(refused -> {
            assertThat(refused.who()).isEqualTo(Path.parse("a"));
            assertThat(refused.by()).map(Event.Session::leafSerial)
                    .contains(expired.certificate().getSerialNumber());
        });
    }

    @Test
    void aRevokedTenantIsRefusedOnceTheListIsReloaded() throws Exception {
        serve(SslProvider.JDK);
        CertificateAuthority tenant = RemotePki.tenant(pki.root, "a", TENANT);
        assertThat(answer(RemotePki.command(tenant, ".", new UnikernelCommand.Info()))).isInstanceOf(Success.class);

        pki.revoke(List.of(tenant.certificate().getSerialNumber()));
        endpoint.reloadRevocations();

        assertThat(answer(RemotePki.command(tenant, ".", new UnikernelCommand.Info())))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.message()).contains("revoked"));
        assertThat(refusalEvents()).singleElement().satisfies(event -> assertThat(event.why()).contains("revoked"));
    }

    @Test
    void aPolicyExceedingTheDaemonsIsRefusedAndNothingChanges() throws Exception {
        serve(SslProvider.JDK);
        Policy tooLarge = new Policy(4, Set.of(0), 1_000_000, Optional.empty(), Set.of());
        Credential leaf = RemotePki.command(RemotePki.tenant(pki.root, "a", tooLarge), "web",
                new UnikernelCommand.Create(testKernel()));

        assertThat(answer(leaf)).isInstanceOf(Failure.class);
        assertThat(daemon.events).noneMatch(Event.PolicyChanged.class::isInstance);
        assertThat(daemon.launcher.monitor("a:web")).isNull();
        assertThat(endpoint.refusals().count(Refusal.POLICY_REFUSED)).isEqualTo(1);
    }

    @Test
    void infoShowsATenantOnlyItsSubtree() throws Exception {
        serve(SslProvider.JDK);
        Stream.of("web", "a:web", "a:b:web", "c:web").forEach(this::createLocally);
        CertificateAuthority parent = RemotePki.tenant(pki.root, "a", TENANT);
        CertificateAuthority child = RemotePki.tenant(parent, "b", new Policy(1, Set.of(0), 64, Optional.empty(),
                Set.of()));
        CertificateAuthority sibling = RemotePki.tenant(pki.root, "c", TENANT);
        Command info = new UnikernelCommand.Info();

        assertThat(names(answer(RemotePki.command(parent, ".", info)))).containsExactly("a:b:web", "a:web");
        assertThat(names(answer(RemotePki.command(child, ".", info)))).containsExactly("a:b:web");
        assertThat(names(answer(RemotePki.command(sibling, ".", info)))).containsExactly("c:web");
    }

    @Test
    void aTenantDestroysOnlyItsOwnUnikernelAndItsRefusalCarriesItsSession() throws Exception {
        serve(SslProvider.JDK);
        Stream.of("a:web", "a:b:web").forEach(this::createLocally);
        CertificateAuthority parent = RemotePki.tenant(pki.root, "a", TENANT);
        CertificateAuthority sibling = RemotePki.tenant(pki.root, "c", TENANT);
        CertificateAuthority child = RemotePki.tenant(parent, "b", TENANT);
        Credential siblingDestroy = RemotePki.command(sibling, "web", new UnikernelCommand.Destroy());

        assertThat(answer(siblingDestroy)).isEqualTo(new Failure("destroy: not found"));
        assertThat(answer(RemotePki.command(child, "web", new UnikernelCommand.Destroy())))
                .isInstanceOf(Success.class);

        Credential parentInfo = RemotePki.command(parent, ".", new UnikernelCommand.Info());
        assertThat(names(answer(parentInfo))).containsExactly("a:web");
        assertThat(refusalEvents()).singleElement().satisfies(refused -> {
            assertThat(refused).extracting(Event.CommandRefused::who, Event.CommandRefused::what,
                    Event.CommandRefused::why).containsExactly(Path.parse("c"), "Destroy for c:web", "destroy: not found");
            assertThat(refused.by()).hasValueSatisfying(session -> {
                assertThat(session.tenant()).isEqualTo(Path.parse("c"));
                assertThat(session.leafSerial()).isEqualTo(siblingDestroy.certificate().getSerialNumber());
                assertThat(session.remote()).startsWith("/127.0.0.1:");
            });
        });
    }

    @Test
    void aConsoleSubscriptionSeesOnlyTheTenantsOwnUnikernel() throws Exception {
        serve(SslProvider.JDK);
        createLocally("a:web");
        Command subscribe = new ConsoleCommand.SubscribeCount(10);
        RemoteClient.Connection owner = connect(SslProvider.JDK, RemotePki.command(RemotePki.tenant(pki.root, "a",
                TENANT), "web", subscribe));
        RemoteClient.Connection sibling = connect(SslProvider.JDK, RemotePki.command(RemotePki.tenant(pki.root, "c",
                TENANT), "web", subscribe));
        assertThat(owner.reply().payload()).isEqualTo(new Success.Message("subscribed"));
        assertThat(sibling.reply().payload()).isEqualTo(new Success.Message("waiting for VM"));

        daemon.launcher.monitor("a:web").print("for a only");

        Wire line = owner.reply();
        assertThat(line.payload()).isInstanceOfSatisfying(Data.ConsoleLine.class, console ->
                assertThat(console.line()).isEqualTo("for a only"));
        assertThat(line.header().name()).as("named relative to the tenant, as albatross does").isEqualTo(
                Name.parse("web"));
        assertThat(sibling.channel().isActive()).isTrue();
        assertThat(sibling.replies()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void anImageIsStreamedAfterTheHandshake(SslProvider provider) throws Exception {
        serve(provider);
        byte[] image = testKernel().image().toByteArray();
        Credential leaf = RemotePki.command(RemotePki.tenant(pki.root, "a", TENANT), "web",
                new UnikernelCommand.Create(testKernel().withImage(Octets.EMPTY)));

        RemoteClient.Connection connection = connect(provider, leaf);
        connection.stream(image, 4096);

        assertThat(connection.reply().payload()).isInstanceOf(Success.class);
        assertThat(daemon.launcher.monitor("a:web")).isNotNull();
        Payload stored = daemon.dispatcher.dispatch(new Header(1, Name.parse("a:web")),
                new UnikernelCommand.Get(0), () -> { }).join().answer();
        assertThat(stored).isEqualTo(new Success.UnikernelImage(false, Octets.of(image)));
    }

    @Test
    void aServerKeyOthersMayReadIsRefusedAtStart() throws Exception {
        java.nio.file.Path key = pki.config.serverKey();
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> serve(SslProvider.JDK)).isInstanceOf(IOException.class)
                .hasMessage("unprotected private key file " + key + ": permissions 0644 are too open, a private key"
                        + " must be accessible by its owner alone (chmod 600 " + key + ")");
    }

    @Test
    void aClientThatNeverHandshakesIsClosedAtTheTimeout() throws Exception {
        serve(SslProvider.JDK, new DaemonConfig.TlsLimits(Duration.ofMillis(200), LONG, 64, 16, 64, 1 << 20));
        Channel silent = client.openPlain(endpoint.address());
        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() -> !silent.isActive());
        assertRefusedOnce(Refusal.HANDSHAKE_TIMEOUT, Path.ROOT, silent);
    }

    @Test
    void aClientThatFallsSilentAfterItsCommandIsClosedAtTheIdleTimeout() throws Exception {
        serve(SslProvider.JDK, new DaemonConfig.TlsLimits(LONG, Duration.ofMillis(300), 64, 16, 64, 1 << 20));
        Credential leaf = RemotePki.command(RemotePki.tenant(pki.root, "a", TENANT), "web",
                new UnikernelCommand.Create(testKernel().withImage(Octets.EMPTY)));
        // The create waits for its image, which never comes.
        RemoteClient.Connection connection = connect(SslProvider.JDK, leaf);

        connection.awaitClosed();
        assertRefusedOnce(Refusal.IDLE, Path.parse("a"), connection.channel());
        assertThat(daemon.launcher.monitor("a:web")).isNull();
    }

    @Test
    void aConnectionBeyondTheOverallCapIsRefusedWhenEveryOpenOneHasFinishedItsHandshake() throws Exception {
        serve(SslProvider.JDK, new DaemonConfig.TlsLimits(LONG, LONG, 1, 16, 1, 1 << 20));
        // A create waiting for its streamed image holds its connection after the handshake.
        RemoteClient.Connection held = connect(SslProvider.JDK, RemotePki.command(RemotePki.tenant(pki.root, "a",
                TENANT), "web", new UnikernelCommand.Create(testKernel().withImage(Octets.EMPTY))));
        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() -> daemon.events.stream()
                .anyMatch(Event.Login.class::isInstance));

        Channel refused = client.openPlain(endpoint.address());

        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() -> !refused.isActive());
        assertThat(held.channel().isActive()).as("the connection past its handshake").isTrue();
        assertRefusedOnce(Refusal.TOO_MANY_CONNECTIONS, Path.ROOT, refused);
    }

    @Test
    void bareConnectionsHoldingEveryHandshakeMakeRoomForATenantFromAnotherAddress() throws Exception {
        serve(SslProvider.JDK, new DaemonConfig.TlsLimits(LONG, LONG, 64, 16, 2, 1 << 20));
        List<Channel> bare = List.of(client.openPlain(endpoint.address(), "127.0.0.2"),
                client.openPlain(endpoint.address(), "127.0.0.2"), client.openPlain(endpoint.address(), "127.0.0.2"));
        // The third of them, whichever the daemon takes up last, displaces one: both handshakes are then held.
        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() ->
                endpoint.refusals().count(Refusal.TOO_MANY_HANDSHAKES) == 1);

        Payload reply = answer(RemotePki.command(RemotePki.tenant(pki.root, "a", TENANT), ".",
                new UnikernelCommand.Info()));

        assertThat(reply).isInstanceOf(Success.UnikernelInfos.class);
        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() -> bare.stream().filter(Channel::isActive)
                .count() == 1);
        assertThat(endpoint.refusals().count(Refusal.TOO_MANY_HANDSHAKES)).isEqualTo(2);
        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() -> daemon.events.stream()
                .filter(Event.CommandRefused.class::isInstance).count() == 2);
        assertThat(refusalEvents()).hasSize(2).allSatisfy(event -> {
            assertThat(event.who()).isEqualTo(Path.ROOT);
            assertThat(event.what()).startsWith("connection from /127.0.0.2:");
            assertThat(event.why()).startsWith(Refusal.TOO_MANY_HANDSHAKES.description() + ": the oldest of the 2"
                    + " from 127.0.0.2, the most from one address, made room for a new connection");
        });
    }

    @Test
    void connectionsBeyondThePerAddressCapAreRefused() throws Exception {
        serve(SslProvider.JDK, new DaemonConfig.TlsLimits(LONG, LONG, 64, 1, 64, 1 << 20));
        assertOneOfTwoConnectionsRefused(Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS);
    }

    private void assertOneOfTwoConnectionsRefused(Refusal refusal) {
        // The daemon's event loops may take the two connections up in either order: one of them is refused.
        List<Channel> both = List.of(client.openPlain(endpoint.address()), client.openPlain(endpoint.address()));
        Awaitility.await().atMost(RemoteClient.PATIENCE).until(() -> both.stream().anyMatch(channel ->
                !channel.isActive()));
        Channel refused = both.stream().filter(channel -> !channel.isActive()).findFirst().orElseThrow();
        assertThat(both).filteredOn(Channel::isActive).hasSize(1);
        assertRefusedOnce(refusal, Path.ROOT, refused);
    }

    @Test
    void aFrameAboveTheCapIsRefused() throws Exception {
        serve(SslProvider.JDK, new DaemonConfig.TlsLimits(LONG, LONG, 64, 16, 64, 1024));
        Credential leaf = RemotePki.command(RemotePki.tenant(pki.root, "a", TENANT), "web",
                new UnikernelCommand.Create(testKernel().withImage(Octets.EMPTY)));
        RemoteClient.Connection connection = connect(SslProvider.JDK, leaf);
        connection.stream(new byte[2048], 2048);

        connection.awaitClosed();
        assertRefusedOnce(Refusal.FRAME_TOO_LARGE, Path.parse("a"), connection.channel());
        assertThat(daemon.launcher.monitor("a:web")).isNull();
    }

    /**
     * The peer of {@code connection}, acting at {@code who}, was refused once: recorded as an event naming it, logged
     * once, counted by the endpoint and by the daemon's meter.
     */
    private void assertRefusedOnce(Refusal refusal, Path who, Channel connection) {
        assertThat(refusalEvents()).singleElement().satisfies(event -> {
            assertThat(event.who()).isEqualTo(who);
            assertThat(event.what()).isEqualTo("connection from " + connection.localAddress());
            assertThat(event.why()).startsWith(refusal.description() + ": ");
        });
        assertThat(refusalLog.messages(Level.INFO)).singleElement().asString()
                .contains(String.valueOf(connection.localAddress()), refusal.description(),
                        who.isRoot() ? "before its chain was read" : "tenant " + who);
        assertThat(endpoint.refusals().count(refusal)).isEqualTo(1);
        assertThat(daemon.meters.get("albatross.tls.refusals").tag("reason", refusal.tag()).counter().count())
                .isEqualTo(1);
    }
}

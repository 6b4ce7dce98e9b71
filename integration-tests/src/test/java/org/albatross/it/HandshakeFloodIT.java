package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.TransportError;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.protocol.Label;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's pre-authentication lock-out, against a real albatrossd with the default limits: bare TCP connections
 * that never start a TLS handshake, 16 from each of 16 loopback addresses (as many as {@code tls.max-connections}
 * allows), each opened again within a second of the daemon closing it. A tenant connecting from another address is
 * served throughout, for longer than the handshake timeout, so across the flood's reconnections.
 */
class HandshakeFloodIT {
    private static final int ADDRESSES = 16;
    private static final int PER_ADDRESS = 16;
    /** Longer than the default handshake timeout, after which the daemon closes the flood and it reconnects. */
    private static final Duration SERVE_FOR = Duration.ofSeconds(12);
    /** How often the flood opens again what the daemon closed: the review's attacker did so every 10 s. */
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(1);
    private static final Duration AFTER_THE_FLOOD = Duration.ofMinutes(1);
    private static final Policy TENANT = new Policy(1, Set.of(0), 32, Optional.empty(), Set.of());
    /** How often the tenant tries a command whose connection was closed before its handshake began. */
    private static final int ATTEMPTS = 3;
    /**
     * How the daemon logs a refusal of the tenant's address by its connection budget ({@code Refusals}: every one
     * "too many ..."); a bare connect that checks the endpoint is up is logged as a failed handshake instead.
     */
    private static final Pattern TENANT_REFUSED_BY_THE_BUDGET = Pattern.compile(
            "refused /127\\.0\\.0\\.1:\\d+ \\([^)]*\\): too many ");

    @RegisterExtension
    static final DaemonExtension albatrossd = DaemonExtension.servingTls();

    @Test
    void bareConnectionsFromManyAddressesLockNoTenantOut() throws Exception {
        CertificateAuthority tenant = albatrossd.tls().root().delegate(Label.of("t"), TENANT, TlsFixture.KEYS,
                Duration.ofDays(1));
        List<Flood> floods = new ArrayList<>();
        ScheduledExecutorService reconnect = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger reopened = new AtomicInteger();
        AtomicReference<IOException> reconnectFailed = new AtomicReference<>();
        AtomicInteger dropped = new AtomicInteger();
        try {
            for (int address = 2; address < 2 + ADDRESSES; address++) {
                floods.add(Flood.open(albatrossd.tls().address(), "127.0.0." + address, PER_ADDRESS));
            }
            reconnect.scheduleWithFixedDelay(() -> floods.forEach(flood -> {
                try {
                    reopened.addAndGet(flood.reopenClosed());
                } catch (IOException e) {
                    reconnectFailed.compareAndSet(null, e);
                }
            }), 0, RECONNECT_EVERY.toMillis(), TimeUnit.MILLISECONDS);

            int served = 0;
            for (Instant until = Instant.now().plus(SERVE_FOR); Instant.now().isBefore(until); served++) {
                assertThat(infoTryingAgainIfDropped(tenant, dropped)).as("the tenant's command %d during the flood",
                        served).isInstanceOf(Success.UnikernelInfos.class);
            }
            System.out.println("HandshakeFloodIT: the tenant served " + served + " times (" + dropped + " connections"
                    + " dropped before their handshake, tried again); the flood reopened " + reopened
                    + " connections the daemon closed");
        } finally {
            // Not interrupted: a sweep under way finishes, rather than fail on a channel closed by the interrupt.
            reconnect.shutdown();
            assertThat(reconnect.awaitTermination(30, TimeUnit.SECONDS)).as("the flood's last sweep ends").isTrue();
            floods.forEach(Flood::close);
        }
        assertThat(reconnectFailed).as("the flood's reconnections").hasNullValue();
        assertThat(reopened).as("connections of the flood the daemon closed").hasPositiveValue();
        assertThat(TENANT_REFUSED_BY_THE_BUDGET.matcher(albatrossd.process().log()).results().count())
                .as("the connection budget's refusals of the tenant's address").isZero();
        // The daemon closes the flood's connections as it notices them gone; meanwhile a connection may meet a full
        // endpoint, which the client reports as such.
        await("the tenant served once the flood is gone").atMost(AFTER_THE_FLOOD).ignoreException(TransportError.class)
                .untilAsserted(() -> assertThat(info(tenant)).isInstanceOf(Success.UnikernelInfos.class));
    }

    /**
     * {@link #info}, tried again (at most {@link #ATTEMPTS} in all) when its connection was closed before the TLS
     * handshake began, as the client's message advises. Now and then, under the flood's churn on loopback, one is so
     * closed with no refusal logged by the daemon: not its connection budget, which logs every connection it closes
     * (the test checks that it refused none of the tenant's); each such connection is counted.
     */
    private static Success infoTryingAgainIfDropped(CertificateAuthority tenant, AtomicInteger dropped) {
        for (int attempt = 1; ; attempt++) {
            try {
                return info(tenant);
            } catch (TransportError e) {
                if (attempt == ATTEMPTS || e.reason() != TransportError.Reason.CONNECTION_FAILED) {
                    throw e;
                }
                dropped.incrementAndGet();
            }
        }
    }

    /** The tenant's info, on a connection of its own with a fresh leaf, as albatross-client sends it. */
    private static Success info(CertificateAuthority tenant) {
        try (Session session = albatrossd.tls().connect(tenant.issueCommand(".", new UnikernelCommand.Info(),
                TlsFixture.KEYS))) {
            return session.receive().reply().success();
        }
    }
}

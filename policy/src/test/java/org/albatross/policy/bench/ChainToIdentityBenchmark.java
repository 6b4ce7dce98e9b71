package org.albatross.policy.bench;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.albatross.policy.PolicyViolation;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.cert.ChainVerifier;
import org.albatross.policy.cert.Identity;
import org.albatross.policy.cert.IdentityReader;
import org.albatross.policy.cert.Revocations;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.SigningRequest;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the TLS endpoint pays per connection to turn a client chain into an identity: a 3-deep chain (root, tenant
 * CA with a policy, command leaf), all keys of one type.
 *
 * <p>{@code parseVerifyAndRead} decodes the chain from DER, checks its signatures as done outside TLS, and reads
 * it. The JDK caches parsed certificates by encoding (750 of them) and each certificate's last successful
 * verification, so the benchmark cycles through {@value #DISTINCT_CHAINS} distinct chains (same keys, fresh
 * serials) to pay for every signature as a new connection does. {@code read} is the identity extraction alone
 * (validity, constraints, extension decoding) on a parsed chain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainToIdentityBenchmark {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final int DISTINCT_CHAINS = 1024;

    @Param({"ED25519", "RSA2048"})
    public KeyType keyType;

    private final IdentityReader reader = new IdentityReader(Revocations.NONE);
    private final List<List<byte[]>> encodedChains = new ArrayList<>();
    private List<X509Certificate> parsedChain;
    private CertificateFactory factory;
    private ChainVerifier verifier;
    private int next;

    @Setup
    public void buildChains() throws PolicyViolation, CertificateException {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SecureRandom random = new SecureRandom();
        CertificateAuthority root = CertificateAuthority.createRoot("bench", keyType, Duration.ofDays(30), clock);
        KeyPair tenantKeys = keyType.generate(random);
        PKCS10CertificationRequest tenantRequest = SigningRequest.create("arc", Optional.of(new PolicyCommand.Add(
                new Policy(4, Set.of(0, 1), 1024, Optional.of(100L), Set.of("service")))), tenantKeys);
        PKCS10CertificationRequest leafRequest = SigningRequest.create("web",
                Optional.of(new ConsoleCommand.SubscribeCount(20)), keyType.generate(random));
        for (int i = 0; i < DISTINCT_CHAINS; i++) {
            CertificateAuthority tenant = CertificateAuthority.of(
                    new Credential(root.sign(tenantRequest, Optional.empty()), tenantKeys.getPrivate()), clock);
            List<byte[]> encoded = new ArrayList<>();
            for (X509Certificate certificate : tenant.sign(leafRequest, Optional.empty())) {
                encoded.add(certificate.getEncoded());
            }
            encodedChains.add(encoded);
        }
        factory = CertificateFactory.getInstance("X.509");
        verifier = new ChainVerifier(root.certificate());
        parsedChain = parse(encodedChains.get(0));
    }

    @Benchmark
    public Identity parseVerifyAndRead() throws ChainRefused, CertificateException {
        List<X509Certificate> chain = parse(encodedChains.get(next));
        next = (next + 1) % DISTINCT_CHAINS;
        verifier.verify(chain);
        return reader.read(chain, NOW);
    }

    @Benchmark
    public Identity read() throws ChainRefused {
        return reader.read(parsedChain, NOW);
    }

    private List<X509Certificate> parse(List<byte[]> encoded) throws CertificateException {
        List<X509Certificate> chain = new ArrayList<>(encoded.size());
        for (byte[] der : encoded) {
            chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return chain;
    }
}

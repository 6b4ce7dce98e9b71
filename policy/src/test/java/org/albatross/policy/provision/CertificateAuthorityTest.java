package org.albatross.policy.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albatross.policy.PolicyViolation;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.cert.ChainRefused.Reason;
import org.albatross.policy.cert.ChainVerifier;
import org.albatross.policy.cert.Delegation;
import org.albatross.policy.cert.Identity;
import org.albatross.policy.cert.IdentityReader;
import org.albatross.policy.cert.Revocations;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Policy TENANT = new Policy(4, Set.of(0, 1), 1024, Optional.of(100L), Set.of("service"));
    private static final Policy SMALLER = new Policy(1, Set.of(0), 512, Optional.empty(), Set.of());
    private static final ConsoleCommand SUBSCRIBE = new ConsoleCommand.SubscribeCount(20);
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    /** Built once per key type: RSA 4096 key generation takes seconds. */
    private static final Map<KeyType, CertificateAuthority> ROOTS = new EnumMap<>(KeyType.class);

    private static synchronized CertificateAuthority root(KeyType keyType) {
        return ROOTS.computeIfAbsent(keyType,
                type -> CertificateAuthority.createRoot("test", type, Duration.ofDays(3650), CLOCK));
    }

    private static CertificateAuthority arc() throws PolicyViolation {
        return root(KeyType.ED25519).delegate(Label.of("arc"), TENANT, KeyType.ED25519, Duration.ofDays(365));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aChainBuiltByProvisioningReadsBackToTheSameIdentity(KeyType keyType) throws Exception {
        CertificateAuthority root = root(keyType);
        CertificateAuthority arc = root.delegate(Label.of("arc"), TENANT, keyType, Duration.ofDays(365));
        Credential leaf = arc.issueCommand("web", new UnikernelCommand.Destroy(), keyType);

        assertThat(KeyType.of(leaf.certificate().getPublicKey())).isEqualTo(keyType);
        new ChainVerifier(root.certificate()).verify(leaf.chain());
        Identity identity = new IdentityReader(Revocations.NONE).read(leaf.chain(), NOW);

        assertThat(identity.name()).isEqualTo(Name.parse("arc:web"));
        assertThat(identity.policies()).containsExactly(new Delegation(Path.of("arc"), TENANT));
        assertThat(identity.command()).isEqualTo(new UnikernelCommand.Destroy());
    }

    @Test
    void theRootIsASelfSignedCa() throws Exception {
        X509Certificate root = root(KeyType.ED25519).certificate();

        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root(KeyType.ED25519).tenantPath()).isEqualTo(Path.ROOT);
        assertThat(root(KeyType.ED25519).policy()).isEmpty();
    }

    @Test
    void theServerCertificateIsForServerAuthentication() throws Exception {
        Credential server = root(KeyType.ED25519).issueServer("albatross.example", KeyType.P256,
                CertificateAuthority.SERVER_VALIDITY);

        X509Certificate certificate = server.certificate();
        certificate.verify(root(KeyType.ED25519).certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=albatross.example");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(AlbatrossExtension.command(certificate)).isEmpty();
    }

    @Test
    void aCommandLeafIsFreshFiveMinutesValidBackdatedTenSecondsAndForClientAuthentication() throws Exception {
        CertificateAuthority arc = arc();
        Credential leaf = arc.issueCommand("web", SUBSCRIBE, KeyType.ED25519);
        X509Certificate certificate = leaf.certificate();

        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(10));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()).startsWith(true, false, true);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getPublicKey()).isNotEqualTo(arc.certificate().getPublicKey());
        assertThat(leaf.chain()).hasSize(3).endsWith(root(KeyType.ED25519).certificate());
        assertThat(AlbatrossExtension.command(certificate)).contains(SUBSCRIBE);
    }

    @Test
    void aCommandACertificateMayNotCarryIsRefusedBeforeIssuing() {
        assertThatThrownBy(() -> arc().issueCommand("web", new PolicyCommand.Add(SMALLER), KeyType.ED25519))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be sent in a certificate");
    }

    @Test
    void aCertificateTooLargeForTlsIsRefused() {
        UnikernelConfig huge = new UnikernelConfig(UnikernelType.SOLO5, false,
                Octets.of(new byte[CertificateAuthority.MAX_CERTIFICATE_BYTES]), new UnikernelArguments(
                        new FailBehaviour.Quit(), Optional.empty(), false, Set.of(0), 64, Set.of(), Set.of(),
                        Optional.empty(), 1, Optional.empty()));

        assertThatThrownBy(() -> arc().issueCommand("web", new UnikernelCommand.Create(huge), KeyType.ED25519))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than TLS carries (16777215); stream the image after the handshake instead");
    }

    @Test
    void delegationIsRefusedWhenThePolicyIsNotSmallerThanTheIssuersOwn() throws PolicyViolation {
        CertificateAuthority arc = arc();
        Policy moreMemory = new Policy(1, Set.of(0), 2048, Optional.empty(), Set.of());

        assertThat(arc.delegate(Label.of("sub"), SMALLER, KeyType.ED25519, Duration.ofDays(30)).tenantPath())
                .isEqualTo(Path.of("arc", "sub"));
        assertThatThrownBy(() -> arc.delegate(Label.of("sub"), moreMemory, KeyType.ED25519, Duration.ofDays(30)))
                .isInstanceOfSatisfying(PolicyViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(PolicyViolation.Rule.DELEGATION))
                .hasMessage("arc:sub: delegated policy does not fit: asks for 2048 MB memory, 1024 MB allowed by the "
                        + "policy at arc");
        assertThatThrownBy(() -> arc.delegate(Label.of("sub"), new Policy(0, Set.of(0), 512, Optional.empty(),
                Set.of()), KeyType.ED25519, Duration.ofDays(30)))
                .hasMessage("arc:sub: unusable policy: it allows no unikernels");
    }

    @Test
    void aCaLoadedFromPemKnowsItsTenantPathAndPolicy() throws PolicyViolation {
        CertificateAuthority arc = arc();
        Credential loaded = new Credential(Pem.certificates(Pem.encode(arc.credential().chain())),
                Pem.privateKey(Pem.encodePrivateKey(arc.credential().key())));

        CertificateAuthority again = CertificateAuthority.of(loaded, CLOCK);

        assertThat(again.tenantPath()).isEqualTo(Path.of("arc"));
        assertThat(again.policy()).contains(TENANT);
        assertThatThrownBy(() -> CertificateAuthority.of(new Credential(arc.credential().chain(),
                root(KeyType.ED25519).credential().key()), CLOCK))
                .hasMessageContaining("the private key does not belong to certificate \"CN=arc\"");
        Credential leaf = arc.issueCommand("web", SUBSCRIBE, KeyType.ED25519);
        assertThatThrownBy(() -> CertificateAuthority.of(leaf, CLOCK)).hasMessageContaining("is not a CA");
    }

    @Test
    void signingARequestForAPolicyMakesADelegatedCaAfterTheSameChecks() throws Exception {
        CertificateAuthority arc = arc();
        var keys = KeyType.ED25519.generate(new java.security.SecureRandom());
        var request = Pem.certificationRequest(Pem.encode(
                SigningRequest.create("sub", Optional.of(new PolicyCommand.Add(SMALLER)), keys)));

        List<X509Certificate> signed = arc.sign(request, Optional.empty());

        X509Certificate sub = signed.get(0);
        assertThat(sub.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(sub.getNotAfter().toInstant()).isEqualTo(NOW.plus(CertificateAuthority.POLICY_VALIDITY));
        assertThat(signed.subList(1, signed.size())).isEqualTo(arc.credential().chain());
        assertThat(CertificateAuthority.of(new Credential(signed, keys.getPrivate()), CLOCK).tenantPath())
                .isEqualTo(Path.of("arc", "sub"));

        var greedy = SigningRequest.create("greedy", Optional.of(new PolicyCommand.Add(
                new Policy(100, Set.of(0), 512, Optional.empty(), Set.of()))), keys);
        assertThatThrownBy(() -> arc.sign(greedy, Optional.empty()))
                .hasMessage("arc:greedy: delegated policy does not fit: asks for 100 unikernels, 4 allowed by the "
                        + "policy at arc");
    }

    @Test
    void signingARequestForACommandMakesAClientCertificateAndWithoutOneAServerCertificate() throws Exception {
        CertificateAuthority arc = arc();
        var keys = KeyType.P384.generate(new java.security.SecureRandom());

        X509Certificate client = arc.sign(SigningRequest.create("web", Optional.of(SUBSCRIBE), keys),
                Optional.empty()).get(0);
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(AlbatrossExtension.command(client)).contains(SUBSCRIBE);

        X509Certificate server = arc.sign(SigningRequest.create("host", Optional.empty(), keys),
                Optional.of(Duration.ofDays(7))).get(0);
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(server.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void aRevokedIntermediateInvalidatesEverythingBelowIt() throws Exception {
        CertificateAuthority root = root(KeyType.ED25519);
        CertificateAuthority arc = arc();
        CertificateAuthority sub = arc.delegate(Label.of("sub"), SMALLER, KeyType.ED25519, Duration.ofDays(30));
        Credential leaf = sub.issueCommand("web", SUBSCRIBE, KeyType.ED25519);
        X509CRL list = Pem.revocationList(Pem.encode(
                root.issueRevocationList(List.of(arc.certificate().getSerialNumber()), Duration.ofDays(30))));

        Revocations revocations = Revocations.NONE.with(list, root.certificate());

        assertThatThrownBy(() -> new IdentityReader(revocations).read(leaf.chain(), NOW))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED))
                .hasMessageContaining("certificate \"CN=arc\"")
                .hasMessageContaining("was revoked by \"CN=test\"");
        Credential other = root.delegate(Label.of("other"), SMALLER, KeyType.ED25519, Duration.ofDays(30))
                .issueCommand("web", SUBSCRIBE, KeyType.ED25519);
        assertThat(new IdentityReader(revocations).read(other.chain(), NOW).name()).isEqualTo(Name.parse("other:web"));
    }

    @Test
    void aRevokedLeafIsRefusedAndALaterListOfTheSameIssuerReplacesTheEarlier() throws Exception {
        CertificateAuthority arc = arc();
        Credential leaf = arc.issueCommand("web", SUBSCRIBE, KeyType.ED25519);
        Revocations revoked = Revocations.NONE.with(
                arc.issueRevocationList(List.of(leaf.certificate().getSerialNumber()), Duration.ofDays(1)),
                arc.certificate());

        assertThatThrownBy(() -> new IdentityReader(revoked).read(leaf.chain(), NOW))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED));
        Revocations lifted = revoked.with(arc.issueRevocationList(List.of(), Duration.ofDays(1)), arc.certificate());
        assertThat(new IdentityReader(lifted).read(leaf.chain(), NOW).name()).isEqualTo(Name.parse("arc:web"));
    }

    @Test
    void revokingAddsTheSerialToTheListKeepingEarlierEntriesAndNumbersTheListUp() throws Exception {
        CertificateAuthority arc = arc();
        Credential first = arc.issueCommand("web", SUBSCRIBE, KeyType.ED25519);
        Credential second = arc.issueCommand("db", SUBSCRIBE, KeyType.ED25519);
        CertificateAuthority later = CertificateAuthority.of(arc.credential(),
                Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));

        X509CRL one = arc.revoke(Optional.empty(), first.certificate().getSerialNumber(), Duration.ofDays(30));
        X509CRL two = later.revoke(Optional.of(one), second.certificate().getSerialNumber(), Duration.ofDays(30));

        assertThat(two.getRevokedCertificate(first.certificate().getSerialNumber()).getRevocationDate().toInstant())
                .as("the earlier entry keeps its date").isEqualTo(NOW);
        assertThat(two.getRevokedCertificate(second.certificate().getSerialNumber()).getRevocationDate().toInstant())
                .isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(crlNumber(one)).isEqualTo(1);
        assertThat(crlNumber(two)).isEqualTo(2);
        Revocations revocations = Revocations.NONE.with(two, arc.certificate());
        for (Credential revoked : List.of(first, second)) {
            assertThatThrownBy(() -> new IdentityReader(revocations).read(revoked.chain(), NOW))
                    .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED));
        }
    }

    @Test
    void aCaRevokesOnlyIntoItsOwnListAndKnowsWhatItIssued() throws Exception {
        CertificateAuthority arc = arc();
        CertificateAuthority root = root(KeyType.ED25519);
        X509CRL rootsList = root.issueRevocationList(List.of(), Duration.ofDays(1));
        Credential leaf = arc.issueCommand("web", SUBSCRIBE, KeyType.ED25519);

        assertThatThrownBy(() -> arc.revoke(Optional.of(rootsList), leaf.certificate().getSerialNumber(),
                Duration.ofDays(1))).hasMessageContaining("the revocation list is issued by \"CN=test\", not by");
        assertThat(arc.issued(leaf.certificate())).isTrue();
        assertThat(root.issued(leaf.certificate())).isFalse();
        assertThat(root.issued(arc.certificate())).isTrue();
        CertificateAuthority impostor = CertificateAuthority.createRoot("arc", KeyType.ED25519, Duration.ofDays(1),
                CLOCK);
        assertThat(impostor.issued(leaf.certificate())).as("same name, another key").isFalse();
    }

    private static long crlNumber(X509CRL list) throws java.io.IOException {
        return org.bouncycastle.asn1.ASN1Integer.getInstance(org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils
                .parseExtensionValue(list.getExtensionValue("2.5.29.20"))).getValue().longValueExact();
    }

    @Test
    void aRevocationListNotSignedByTheNamedIssuerIsRejected() throws PolicyViolation {
        CertificateAuthority arc = arc();
        X509CRL list = arc.issueRevocationList(List.of(), Duration.ofDays(1));

        assertThatThrownBy(() -> Revocations.NONE.with(list, root(KeyType.ED25519).certificate()))
                .hasMessageContaining("the revocation list is issued by \"CN=arc\", not by \"CN=test\"");
        CertificateAuthority impostor = CertificateAuthority.createRoot("arc", KeyType.ED25519, Duration.ofDays(1),
                CLOCK);
        assertThatThrownBy(() -> Revocations.NONE.with(list, impostor.certificate()))
                .hasMessageContaining("is not signed by its key");
    }
}

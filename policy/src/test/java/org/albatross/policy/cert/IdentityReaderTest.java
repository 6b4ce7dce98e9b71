package org.albatross.policy.cert;

import static org.albatross.policy.cert.CertificateForge.NOW;
import static org.albatross.policy.cert.CertificateForge.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.albatross.policy.cert.CertificateForge.Forged;
import org.albatross.policy.cert.ChainRefused.Reason;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.UnikernelCommand;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class IdentityReaderTest {

    private static final Policy TENANT = new Policy(4, Set.of(0, 1), 1024, Optional.of(100L), Set.of("service"));
    private static final Policy SMALLER = new Policy(1, Set.of(0), 512, Optional.empty(), Set.of());
    private static final ConsoleCommand SUBSCRIBE = new ConsoleCommand.SubscribeCount(20);

    private final Forged root = CertificateForge.authority("root").forge();
    private final IdentityReader reader = new IdentityReader(Revocations.NONE);

    private Forged tenant(String name, Forged issuer, Policy policy) {
        return CertificateForge.authority(name).issuedBy(issuer).command(new PolicyCommand.Add(policy)).forge();
    }

    @Test
    void intermediatesWithPoliciesMakeThePathAndTheLeafTheLabel() throws ChainRefused {
        Forged arc = tenant("arc", root, TENANT);
        Forged sub = tenant("Sub", arc, SMALLER);
        Forged leaf = CertificateForge.leaf("web").issuedBy(sub).command(new UnikernelCommand.Destroy()).forge();

        Identity identity = reader.read(chain(leaf, sub, arc, root), NOW);

        assertThat(identity.name()).isEqualTo(Name.parse("arc:sub:web"));
        assertThat(identity.policies()).containsExactly(new Delegation(Path.of("arc"), TENANT),
                new Delegation(Path.of("arc", "sub"), SMALLER));
        assertThat(identity.command()).isEqualTo(new UnikernelCommand.Destroy());
    }

    @Test
    void anIntermediateWithoutTheExtensionContributesNothing() throws ChainRefused {
        Forged plain = CertificateForge.authority("operations").issuedBy(root).forge();
        Forged leaf = CertificateForge.leaf("web").issuedBy(plain).command(SUBSCRIBE).forge();

        Identity identity = reader.read(chain(leaf, plain), NOW);

        assertThat(identity.name()).isEqualTo(Name.parse(":web"));
        assertThat(identity.policies()).isEmpty();
    }

    @Test
    void aLeafNamedDotOrColonStandsForThePathItself() throws ChainRefused {
        Forged arc = tenant("arc", root, TENANT);
        for (String cn : List.of(".", ":")) {
            Forged leaf = CertificateForge.leaf(cn).issuedBy(arc)
                    .command(new BlockCommand.Info()).forge();

            assertThat(reader.read(chain(leaf, arc), NOW).name()).isEqualTo(Name.parse("arc:"));
        }
    }

    @Test
    void aLeafWithoutTheExtensionIsRefused() {
        Forged leaf = CertificateForge.leaf("web").issuedBy(root).forge();

        assertRefused(chain(leaf, root), Reason.NO_COMMAND, "carries no albatross command (extension "
                + "1.3.6.1.4.1.49836.42)");
    }

    @Test
    void aChainOfTenIsRefused() {
        List<Forged> authorities = new ArrayList<>(List.of(root));
        for (int i = 0; i < 8; i++) {
            authorities.add(CertificateForge.authority("ca" + i).issuedBy(authorities.get(i)).forge());
        }
        Forged leaf = CertificateForge.leaf("web").issuedBy(authorities.get(8)).command(SUBSCRIBE).forge();
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf.certificate()));
        for (int i = 8; i >= 0; i--) {
            chain.add(authorities.get(i).certificate());
        }

        assertThat(chain).hasSize(10);
        assertRefused(chain, Reason.TOO_LONG, "the certificate chain has 10 certificates, at most 9 are allowed");
        assertThat(chain.subList(0, 9)).hasSize(IdentityReader.MAX_CHAIN_LENGTH);
    }

    @Test
    void aLeafMayNotAddOrRemovePoliciesNorSendTheDaemonsInternalCommands() throws ChainRefused {
        for (var command : List.of(new PolicyCommand.Add(SMALLER), new PolicyCommand.Remove(),
                new ConsoleCommand.Add(10), new StatsCommand.Add("vmm0", 1, List.of()))) {
            Forged leaf = CertificateForge.leaf("web").issuedBy(root).command(command).forge();

            assertRefused(chain(leaf), Reason.COMMAND_NOT_ALLOWED, "which a certificate may not ask for");
        }
        for (var command : List.of(new PolicyCommand.Info(), new StatsCommand.Subscribe(),
                new ConsoleCommand.ListInactive(), new BlockCommand.Add(10))) {
            Forged leaf = CertificateForge.leaf("web").issuedBy(root).command(command).forge();

            assertThat(reader.read(chain(leaf), NOW).command()).isEqualTo(command);
        }
    }

    @Test
    void aCaCertificateMayCarryOnlyAPolicy() {
        Forged odd = CertificateForge.authority("arc").issuedBy(root).command(SUBSCRIBE).forge();
        Forged leaf = CertificateForge.leaf("web").issuedBy(odd).command(SUBSCRIBE).forge();

        assertRefused(chain(leaf, odd), Reason.COMMAND_NOT_ALLOWED, "a CA certificate may only carry a policy");
    }

    @Test
    void aPolicyNotSmallerThanItsParentInTheChainIsRefused() {
        Forged arc = tenant("arc", root, SMALLER);
        Forged sub = tenant("sub", arc, TENANT);
        Forged leaf = CertificateForge.leaf("web").issuedBy(sub).command(SUBSCRIBE).forge();

        assertRefused(chain(leaf, sub, arc), Reason.POLICY_NOT_SMALLER,
                "grants arc:sub 4 unikernels, 1 allowed by its parent arc");
    }

    @Test
    void commonNamesMustBeAlbatrossLabels() {
        Forged badTenant = tenant("not_a_label", root, TENANT);
        Forged leaf = CertificateForge.leaf("web").issuedBy(badTenant).command(SUBSCRIBE).forge();
        assertRefused(chain(leaf, badTenant), Reason.INVALID_NAME, "its common name is not an albatross label");

        Forged badLeaf = CertificateForge.leaf("-web").issuedBy(root).command(SUBSCRIBE).forge();
        assertRefused(chain(badLeaf), Reason.INVALID_NAME, "must not start with '-'");
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRefusedAtTheGivenInstant() {
        Forged leaf = CertificateForge.leaf("web").issuedBy(root).command(SUBSCRIBE)
                .validity(NOW.minusSeconds(600), NOW.minusSeconds(1)).forge();
        assertRefused(chain(leaf), Reason.EXPIRED, "certificate expired: \"CN=web\"");

        Forged future = CertificateForge.leaf("web").issuedBy(root).command(SUBSCRIBE)
                .validity(NOW.plusSeconds(60), NOW.plusSeconds(600)).forge();
        assertRefused(chain(future), Reason.NOT_YET_VALID, "is valid from 2025-01-01T00:01:00Z");

        Forged oldTenant = tenant("arc", root, TENANT);
        Forged fresh = CertificateForge.leaf("web").issuedBy(oldTenant).command(SUBSCRIBE).forge();
        assertThatThrownBy(() -> reader.read(chain(fresh, oldTenant), Instant.parse("2031-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void anIntermediateMustBeACa() {
        Forged notCa = CertificateForge.authority("arc").issuedBy(root).basicConstraints(false)
                .command(new PolicyCommand.Add(TENANT)).forge();
        Forged leaf = CertificateForge.leaf("web").issuedBy(notCa).command(SUBSCRIBE).forge();
        assertRefused(chain(leaf, notCa), Reason.CONSTRAINTS, "BasicConstraints CA:true missing");

        Forged noConstraints = CertificateForge.authority("arc").issuedBy(root).basicConstraints(null).forge();
        Forged leaf2 = CertificateForge.leaf("web").issuedBy(noConstraints).command(SUBSCRIBE).forge();
        assertRefused(chain(leaf2, noConstraints), Reason.CONSTRAINTS, "BasicConstraints CA:true missing");
    }

    @Test
    void aCaWithKeyUsageMustBeAllowedToSignCertificates() {
        Forged arc = CertificateForge.authority("arc").issuedBy(root).keyUsage(KeyUsage.digitalSignature).forge();
        Forged leaf = CertificateForge.leaf("web").issuedBy(arc).command(SUBSCRIBE).forge();

        assertRefused(chain(leaf, arc), Reason.CONSTRAINTS, "is a CA whose KeyUsage lacks keyCertSign");
    }

    @Test
    void theLeafMustNotBeACaAndItsUsagesMustAllowClientAuthentication() {
        Forged caLeaf = CertificateForge.leaf("web").issuedBy(root).basicConstraints(true).command(SUBSCRIBE).forge();
        assertRefused(chain(caLeaf), Reason.CONSTRAINTS, "a command certificate must have CA:false");

        Forged noSignature = CertificateForge.leaf("web").issuedBy(root).keyUsage(KeyUsage.keyEncipherment)
                .command(SUBSCRIBE).forge();
        assertRefused(chain(noSignature), Reason.CONSTRAINTS, "KeyUsage lacks digitalSignature");

        Forged server = CertificateForge.leaf("web").issuedBy(root).purpose(KeyPurposeId.id_kp_serverAuth)
                .command(SUBSCRIBE).forge();
        assertRefused(chain(server), Reason.CONSTRAINTS, "lacks clientAuth");
    }

    @Test
    void usagesLeftOutAreNotRequired() throws ChainRefused {
        Forged bare = CertificateForge.leaf("web").issuedBy(root).basicConstraints(null).keyUsage(null).purpose(null)
                .command(SUBSCRIBE).forge();

        assertThat(reader.read(chain(bare), NOW).name()).isEqualTo(Name.parse("web"));
    }

    @Test
    void aMalformedExtensionIsRefusedWithWhereItIsWrong() {
        Forged leaf = CertificateForge.leaf("web").issuedBy(root).extension(new byte[] {0x30, 0x03, 0x02, 0x01, 0x04})
                .forge();

        assertRefused(chain(leaf), Reason.MALFORMED_EXTENSION, "has a malformed albatross extension");
    }

    @Test
    void theVerifierChecksEverySignatureUpToTheRoot() throws ChainRefused {
        Forged arc = tenant("arc", root, TENANT);
        Forged leaf = CertificateForge.leaf("web").issuedBy(arc).command(SUBSCRIBE).forge();
        ChainVerifier verifier = new ChainVerifier(root.certificate());

        verifier.verify(chain(leaf, arc));
        verifier.verify(chain(leaf, arc, root));

        Forged otherRoot = CertificateForge.authority("root").forge();
        assertThatThrownBy(() -> new ChainVerifier(otherRoot.certificate()).verify(chain(leaf, arc)))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED))
                .hasMessageContaining("is not signed by \"CN=root\"");
        assertThatThrownBy(() -> verifier.verify(chain(leaf)))
                .hasMessageContaining("is issued by \"CN=arc\", but the next in the chain is \"CN=root\"");
        assertThatThrownBy(() -> verifier.verify(List.of()))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
    }

    /** Found by CertificateChainFuzzTest (seed common-name-not-utf-8): Bouncy Castle threw instead. */
    @Test
    void aCommonNameThatIsNotUtf8IsRefused() throws Exception {
        ASN1Encodable notUtf8 = ASN1UTF8String.getInstance(new byte[] {0x0c, 0x02, (byte) 0xc3, 0x28});
        Forged leaf = CertificateForge.leaf("web").commonNameValue(notUtf8).issuedBy(root).command(SUBSCRIBE)
                .forge();

        assertRefused(chain(leaf, root), Reason.INVALID_NAME, "has a subject common name that cannot be read");
    }

    /** Found by CertificateChainFuzzTest (seed issuer-key-not-on-the-curve): Bouncy Castle threw instead. */
    @Test
    void anIssuerWhoseKeyIsNotOnTheCurveIsRefused() throws Exception {
        Forged leaf = CertificateForge.leaf("web").issuedBy(root).command(SUBSCRIBE).forge();
        byte[] der = root.certificate().getEncoded();
        byte[] publicKeyInfo = root.certificate().getPublicKey().getEncoded();
        int at = indexOf(der, publicKeyInfo) + publicKeyInfo.length - 32;
        // y = p, the field's modulus: 32 bytes little-endian that no point encodes.
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        notAPoint[0] = (byte) 0xed;
        notAPoint[31] = 0x7f;
        System.arraycopy(notAPoint, 0, der, at, 32);
        X509Certificate broken = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));

        assertThatThrownBy(() -> new ChainVerifier(root.certificate()).verify(List.of(leaf.certificate(), broken)))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED))
                .hasMessageContaining("cannot be checked: its issuer \"CN=root\"")
                .hasMessageContaining("has an unusable public key");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private void assertRefused(List<X509Certificate> chain, Reason reason, String messagePart) {
        assertThatThrownBy(() -> reader.read(chain, NOW))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }
}

package org.albatross.policy.cert;

import static org.albatross.policy.cert.CertificateForge.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.albatross.protocol.testing.InputTimeLimit;

/**
 * Certificate chains as a client presents them: any list of DER certificates the JDK parses (as TLS does before
 * the daemon sees them) is verified against the root and read into an identity, and each gives a result or a
 * {@link ChainRefused}, never another exception. Seeds: chains forged under {@code chain-fuzz-root.der} by
 * {@link ChainSeeds}; the verify build fuzzes it for 100,000 inputs (docs/fuzzing.md).
 */
class CertificateChainFuzzTest {
    private static final CertificateFactory X509 = x509();
    private static final X509Certificate ROOT = root();
    private static final ChainVerifier VERIFIER = new ChainVerifier(ROOT);
    private static final IdentityReader READER = new IdentityReader(Revocations.NONE);

    @FuzzTest(maxDuration = "60s")
    void anyCertificateListIsVerifiedAndReadOrRefused(byte[] certificates) throws Exception {
        InputTimeLimit.check(() -> verifyAndRead(certificates));
    }

    private static void verifyAndRead(byte[] certificates) {
        List<X509Certificate> chain;
        try {
            chain = parse(certificates);
        } catch (CertificateException | RuntimeException notCertificates) {
            // The TLS stack refuses what the JDK cannot parse before the daemon sees it. JDK 17's parser also throws
            // unchecked exceptions (an empty Ed25519 key: seed empty-ed25519-key-jdk-parser); those fail the
            // handshake too and are the JDK's, not ours.
            return;
        }
        try {
            VERIFIER.verify(chain);
        } catch (ChainRefused refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
        try {
            Identity identity = READER.read(chain, NOW);
            assertThat(IdentityReader.allowedInLeaf(identity.command())).isTrue();
            assertThat(identity.name().path().labels().size()).isEqualTo(identity.policies().size());
        } catch (ChainRefused refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static List<X509Certificate> parse(byte[] certificates) throws CertificateException {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : X509.generateCertificates(new ByteArrayInputStream(certificates))) {
            chain.add((X509Certificate) certificate);
        }
        return chain;
    }

    private static CertificateFactory x509() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }

    private static X509Certificate root() {
        try (InputStream in = CertificateChainFuzzTest.class.getResourceAsStream("chain-fuzz-root.der")) {
            if (in == null) {
                throw new IllegalStateException("chain-fuzz-root.der missing: regenerate the seeds with ChainSeeds");
            }
            return (X509Certificate) X509.generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException("chain-fuzz-root.der is not a certificate", e);
        }
    }
}

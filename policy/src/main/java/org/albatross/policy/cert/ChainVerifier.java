package org.albatross.policy.cert;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Checks what TLS checks of a client chain's signatures, for chains met outside a TLS handshake: each certificate is
 * signed by the next, and the last by the trusted root. Validity, constraints and revocation are the
 * {@link IdentityReader}'s.
 */
public final class ChainVerifier {

    /**
     * Bouncy Castle's Ed25519 verifies several times faster than the JDK 17's (see ChainToIdentityBenchmark); used as
     * an instance, so the JVM's provider list stays as the application set it.
     */
    private static final Provider SIGNATURES = new BouncyCastleProvider();

    private final X509Certificate root;

    public ChainVerifier(X509Certificate root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** Verifies a chain given leaf first; the root may be its last element or be left out. */
    public void verify(List<X509Certificate> chain) throws ChainRefused {
        if (chain.isEmpty()) {
            throw new ChainRefused(ChainRefused.Reason.EMPTY, "the certificate chain is empty");
        }
        List<X509Certificate> belowRoot = chain.get(chain.size() - 1).equals(root)
                ? chain.subList(0, chain.size() - 1) : chain;
        for (int i = 0; i < belowRoot.size(); i++) {
            X509Certificate issuer = i + 1 < belowRoot.size() ? belowRoot.get(i + 1) : root;
            requireSignedBy(belowRoot.get(i), issuer);
        }
    }

    private static void requireSignedBy(X509Certificate certificate, X509Certificate issuer) throws ChainRefused {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new ChainRefused(ChainRefused.Reason.UNTRUSTED, "certificate "
                    + CertificateNames.describe(certificate)
                    + " is issued by \"" + certificate.getIssuerX500Principal().getName() + "\", but the next in "
                    + "the chain is " + CertificateNames.describe(issuer));
        }
        try {
            certificate.verify(issuer.getPublicKey(), SIGNATURES);
        } catch (GeneralSecurityException e) {
            throw new ChainRefused(ChainRefused.Reason.UNTRUSTED, "certificate "
                    + CertificateNames.describe(certificate)
                    + " is not signed by " + CertificateNames.describe(issuer) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Bouncy Castle's Ed25519 says so when the issuer's key is not a point on the curve (found by fuzzing).
            throw new ChainRefused(ChainRefused.Reason.UNTRUSTED, "certificate "
                    + CertificateNames.describe(certificate) + " cannot be checked: its issuer "
                    + CertificateNames.describe(issuer) + " has an unusable public key (" + e.getMessage() + ")", e);
        }
    }
}

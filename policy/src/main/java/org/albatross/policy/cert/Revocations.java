package org.albatross.policy.cert;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

/**
 * The revocation lists in force, one per issuing CA, each checked against its issuer's key when added. A revoked
 * intermediate refuses every chain through it, since each certificate of a chain is looked up.
 *
 * <p>Lists are found by issuer name: a list is only accepted with a signature by the CA named, so a name stands for
 * that CA here, and serials are random, so two CAs sharing a name do not revoke each other's certificates in
 * practice.
 */
public final class Revocations {

    public static final Revocations NONE = new Revocations(Map.of());

    private final Map<X500Principal, X509CRL> byIssuer;

    private Revocations(Map<X500Principal, X509CRL> byIssuer) {
        this.byIssuer = Map.copyOf(byIssuer);
    }

    /** These revocations plus {@code list}, which replaces any earlier list of the same issuer. */
    public Revocations with(X509CRL list, X509Certificate issuer) {
        requireIssuedBy(list, issuer);
        Map<X500Principal, X509CRL> next = new HashMap<>(byIssuer);
        next.put(issuer.getSubjectX500Principal(), list);
        return new Revocations(next);
    }

    /** Refuses {@code list} unless {@code issuer} names it as its issuer and signed it. */
    public static void requireIssuedBy(X509CRL list, X509Certificate issuer) {
        if (!list.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new IllegalArgumentException("the revocation list is issued by \"" + list.getIssuerX500Principal()
                    + "\", not by " + CertificateNames.describe(issuer));
        }
        try {
            list.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the revocation list of " + CertificateNames.describe(issuer)
                    + " is not signed by its key: " + e.getMessage(), e);
        }
    }

    /** Refuses the certificate when its issuer's list names it. */
    void requireNotRevoked(X509Certificate certificate) throws ChainRefused {
        Optional<X509CRLEntry> entry = Optional.ofNullable(byIssuer.get(certificate.getIssuerX500Principal()))
                .map(list -> list.getRevokedCertificate(certificate.getSerialNumber()));
        if (entry.isPresent()) {
            throw new ChainRefused(ChainRefused.Reason.REVOKED, "certificate " + CertificateNames.describe(certificate)
                    + " was revoked by \"" + certificate.getIssuerX500Principal().getName() + "\" on "
                    + entry.get().getRevocationDate().toInstant());
        }
    }
}

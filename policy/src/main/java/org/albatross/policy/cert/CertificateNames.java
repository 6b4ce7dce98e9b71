package org.albatross.policy.cert;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** How certificates are named: the subject common name albatross reads, and how messages refer to a certificate. */
public final class CertificateNames {

    private CertificateNames() {
    }

    /**
     * The first common name of the certificate's subject, if any.
     *
     * @throws ChainRefused if the subject cannot be read as a string, e.g. a UTF8String that is not UTF-8
     */
    public static Optional<String> commonName(X509Certificate certificate) throws ChainRefused {
        try {
            return commonName(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
        } catch (IllegalArgumentException e) {
            // Bouncy Castle's answer to a malformed name value (found by CertificateChainFuzzTest).
            throw new ChainRefused(ChainRefused.Reason.INVALID_NAME, "certificate " + describe(certificate)
                    + " has a subject common name that cannot be read: " + e.getMessage(), e);
        }
    }

    /** The first common name of a distinguished name, if any. */
    public static Optional<String> commonName(X500Name subject) {
        RDN[] names = subject.getRDNs(BCStyle.CN);
        if (names.length == 0) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(names[0].getFirst().getValue()));
    }

    /** The certificate as messages name it: subject and serial, e.g. {@code "CN=arc" (serial 6b2df2b0b7c3fbce)}. */
    public static String describe(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\" (serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }
}

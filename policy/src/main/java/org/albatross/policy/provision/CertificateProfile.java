package org.albatross.policy.provision;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/** The three shapes of certificate albatross issues, with the critical extensions each carries. */
enum CertificateProfile {
    /** A root or delegated CA; the usages albatross's client gives its CAs. */
    AUTHORITY(true, KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
            null),
    /** A command leaf presented by the client. */
    CLIENT(false, KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_clientAuth),
    /** The TLS endpoint's own certificate. */
    SERVER(false, KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth);

    private final boolean authority;
    private final int keyUsage;
    private final KeyPurposeId purpose;

    CertificateProfile(boolean authority, int keyUsage, KeyPurposeId purpose) {
        this.authority = authority;
        this.keyUsage = keyUsage;
        this.purpose = purpose;
    }

    void addTo(X509v3CertificateBuilder builder) throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose));
        }
    }
}

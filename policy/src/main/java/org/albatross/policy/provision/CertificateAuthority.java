package org.albatross.policy.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority that issues what albatross's client issues: the endpoint's server certificate,
 * delegated CAs carrying a policy, command leaves and certificates for signing requests, plus revocation lists.
 * Time comes from the injected clock; every certificate starts {@link #CLOCK_SKEW} before "now" so that a
 * server whose clock lags a little still accepts it.
 */
public final class CertificateAuthority {

    /** albatross's X.509 extension, carrying {@code {version, command}}. */
    static final ASN1ObjectIdentifier ALBATROSS_EXTENSION = new ASN1ObjectIdentifier("1.3.6.1.4.1.49836.42");
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    public static final Duration COMMAND_VALIDITY = Duration.ofMinutes(5);
    public static final Duration POLICY_VALIDITY = Duration.ofDays(365);
    public static final Duration CLIENT_VALIDITY = Duration.ofDays(1);
    public static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    /** TLS carries a certificate in a 24-bit length field. */
    public static final int MAX_CERTIFICATE_BYTES = (1 << 24) - 1;

    private final Credential credential;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(Credential credential, Clock clock, SecureRandom random) {
        this.credential = credential;
        this.clock = clock;
        this.random = random;
    }

    /** A CA from an existing certificate (with the chain above it) and key, e.g. read from PEM files. */
    public static CertificateAuthority of(Credential credential, Clock clock) {
        X509Certificate certificate = credential.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate " + subjectOf(certificate)
                    + " is not a CA (BasicConstraints CA:false or absent), it cannot issue certificates");
        }
        if (!belongsTo(credential.key(), certificate.getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to certificate " + subjectOf(certificate));
        }
        return new CertificateAuthority(credential, clock, new SecureRandom());
    }

    /** A fresh self-signed root CA. */
    public static CertificateAuthority createRoot(String commonName, KeyType keyType, Duration validity, Clock clock) {
        SecureRandom random = new SecureRandom();
        KeyPair keys = keyType.generate(random);
        X500Name name = commonName(commonName);
        X509Certificate root = sign(name, keys.getPrivate(), null, name, keys.getPublic(), CertificateProfile.AUTHORITY,
                null, clock.instant(), validity, random);
        return new CertificateAuthority(new Credential(List.of(root), keys.getPrivate()), clock, random);
    }

    public Credential credential() {
        return credential;
    }

    public X509Certificate certificate() {
        return credential.certificate();
    }

    /** The endpoint's TLS server certificate, with a fresh key. */
    public Credential issueServer(String commonName, KeyType keyType, Duration validity) {
        return issueWithFreshKey(commonName, keyType, CertificateProfile.SERVER, null, validity);
    }

    /** A revocation list naming the given serial numbers, valid from now for {@code validity}. */
    public X509CRL issueRevocationList(Collection<BigInteger> revokedSerials, Duration validity) {
        Instant now = clock.instant();
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate(), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(validity)));
        for (BigInteger serial : revokedSerials) {
            builder.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate().getPublicKey()));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(credential.key())));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not sign a revocation list with " + subjectOf(certificate()), e);
        }
    }

    Credential issueWithFreshKey(String commonName, KeyType keyType, CertificateProfile profile, byte[] extension,
            Duration validity) {
        KeyPair keys = keyType.generate(random);
        X509Certificate certificate = issue(commonName(commonName), keys.getPublic(), profile, extension, validity);
        return new Credential(chainBelowMe(certificate), keys.getPrivate());
    }

    X509Certificate issue(X500Name subject, PublicKey subjectKey, CertificateProfile profile, byte[] extension,
            Duration validity) {
        X509Certificate certificate = sign(X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded()),
                credential.key(), certificate().getPublicKey(), subject, subjectKey, profile, extension,
                clock.instant(), validity, random);
        int size = encodedSize(certificate);
        if (size > MAX_CERTIFICATE_BYTES) {
            throw new IllegalArgumentException("the certificate for " + subject + " would be " + size
                    + " bytes, more than TLS carries (" + MAX_CERTIFICATE_BYTES
                    + "); stream the image after the handshake instead");
        }
        return certificate;
    }

    /** The chain a certificate issued by this CA presents: itself, then this CA's own chain. */
    List<X509Certificate> chainBelowMe(X509Certificate certificate) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(credential.chain());
        return chain;
    }

    CertificateAuthority child(Credential credential) {
        return new CertificateAuthority(credential, clock, random);
    }

    private static X509Certificate sign(X500Name issuer, PrivateKey issuerKey, PublicKey issuerPublicKey,
            X500Name subject, PublicKey subjectKey, CertificateProfile profile, byte[] extension, Instant now,
            Duration validity, SecureRandom random) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(random),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, subjectKey);
            profile.addTo(builder);
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey));
            if (issuerPublicKey != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        ids.createAuthorityKeyIdentifier(issuerPublicKey));
            }
            if (extension != null) {
                // Non-critical, as albatross marks it: TLS stacks refuse unknown critical extensions.
                builder.addExtension(ALBATROSS_EXTENSION, false, extension);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not sign a certificate for " + subject, e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(KeyType.of(key).signatureAlgorithm()).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with a " + key.getAlgorithm() + " key", e);
        }
    }

    /** Positive and 127 bits, as RFC 5280 asks of serials (at most 20 octets, unpredictable). */
    private static BigInteger serialNumber(SecureRandom random) {
        return new BigInteger(127, random).setBit(126);
    }

    private static int encodedSize(X509Certificate certificate) {
        try {
            return certificate.getEncoded().length;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate just built cannot be encoded", e);
        }
    }

    /** Whether the private key is the other half of the public key: it signs something the public key verifies. */
    private static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
        try {
            String algorithm = KeyType.of(key).signatureAlgorithm();
            byte[] probe = "albatross key match".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static X500Name commonName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    static String subjectOf(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}

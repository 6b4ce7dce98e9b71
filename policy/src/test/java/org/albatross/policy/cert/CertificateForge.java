package org.albatross.policy.cert;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.albatross.protocol.Command;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Ed25519 certificates shaped at will, including the wrong shapes the reader must refuse. Unlike the provisioning
 * API it lets every extension be left out or contradict the certificate's role.
 */
final class CertificateForge {

    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final AtomicLong SERIALS = new AtomicLong(1);

    /** A certificate and the key pair it was made for. */
    record Forged(X509Certificate certificate, KeyPair keys) {
    }

    private final String commonName;
    private ASN1Encodable commonNameValue;
    private Forged issuer;
    private Boolean authority;
    private Integer keyUsage;
    private KeyPurposeId purpose;
    private byte[] extension;
    private Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
    private Instant notAfter = Instant.parse("2030-01-01T00:00:00Z");

    private CertificateForge(String commonName) {
        this.commonName = commonName;
        this.commonNameValue = new DERUTF8String(commonName);
    }

    /** A CA certificate as albatross issues one: CA:true, keyCertSign. */
    static CertificateForge authority(String commonName) {
        CertificateForge forge = new CertificateForge(commonName);
        forge.authority = true;
        forge.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
        return forge;
    }

    /** A command leaf as albatross issues one: CA:false, digitalSignature and keyEncipherment, clientAuth. */
    static CertificateForge leaf(String commonName) {
        CertificateForge forge = new CertificateForge(commonName);
        forge.authority = false;
        forge.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        forge.purpose = KeyPurposeId.id_kp_clientAuth;
        return forge;
    }

    /** The common name's value as encoded, which may be what no string encodes. */
    CertificateForge commonNameValue(ASN1Encodable value) {
        this.commonNameValue = value;
        return this;
    }

    CertificateForge issuedBy(Forged by) {
        this.issuer = by;
        return this;
    }

    /** BasicConstraints CA flag, or null to leave the extension out. */
    CertificateForge basicConstraints(Boolean ca) {
        this.authority = ca;
        return this;
    }

    /** KeyUsage bits, or null to leave the extension out. */
    CertificateForge keyUsage(Integer bits) {
        this.keyUsage = bits;
        return this;
    }

    /** The only extended key usage, or null to leave the extension out. */
    CertificateForge purpose(KeyPurposeId only) {
        this.purpose = only;
        return this;
    }

    CertificateForge command(Command command) {
        return extension(AlbatrossExtension.encode(command));
    }

    CertificateForge extension(byte[] value) {
        this.extension = value;
        return this;
    }

    CertificateForge validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    Forged forge() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            KeyPair keys = generator.generateKeyPair();
            // As a value, not a string: BC would parse a leading '#' as hex.
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, commonNameValue).build();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), subject,
                    keys.getPublic());
            if (authority != null) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            }
            if (keyUsage != null) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose));
            }
            if (extension != null) {
                builder.addExtension(new ASN1ObjectIdentifier(AlbatrossExtension.OID), false, extension);
            }
            KeyPair signer = issuer == null ? keys : issuer.keys();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("Ed25519").build(signer.getPrivate())));
            return new Forged(certificate, keys);
        } catch (Exception e) {
            throw new IllegalStateException("forging " + commonName, e);
        }
    }

    /** Leaf first, as TLS presents a chain. */
    static List<X509Certificate> chain(Forged... leafFirst) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Forged forged : leafFirst) {
            chain.add(forged.certificate());
        }
        return chain;
    }
}

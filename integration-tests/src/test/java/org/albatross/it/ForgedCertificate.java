package org.albatross.it;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.protocol.Command;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate the project's own CA would never issue - a leaf carrying a policy change, a CA without the CA flag,
 * a policy larger than its parent's, an extension that is not DER - signed by any credential, for tests of how the
 * daemon refuses it. Starts from the shape albatross gives a command leaf or a tenant CA; each {@code with} method
 * returns a changed copy.
 */
record ForgedCertificate(String commonName, boolean authority, int keyUsage, List<KeyPurposeId> purposes,
        Optional<Octets> albatrossExtension, Instant notBefore, Instant notAfter) {

    private static final Duration SKEW = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    ForgedCertificate {
        purposes = List.copyOf(purposes);
    }

    /** A command leaf as albatross-client makes it, carrying any command, even one a certificate may not carry. */
    static ForgedCertificate leaf(String commonName, Command command) {
        Instant now = Instant.now();
        return new ForgedCertificate(commonName, false, KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                List.of(KeyPurposeId.id_kp_clientAuth), Optional.of(Octets.of(AlbatrossExtension.encode(command))),
                now.minus(SKEW), now.plus(Duration.ofMinutes(5)));
    }

    /** A tenant CA granting {@code policy} at its parent's path plus {@code label}, whether it fits or not. */
    static ForgedCertificate authority(String label, Policy policy) {
        Instant now = Instant.now();
        return new ForgedCertificate(label, true, KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature,
                List.of(), Optional.of(Octets.of(AlbatrossExtension.encode(new PolicyCommand.Add(policy)))),
                now.minus(SKEW), now.plus(Duration.ofDays(1)));
    }

    ForgedCertificate withoutCaFlag() {
        return new ForgedCertificate(commonName, false, keyUsage, purposes, albatrossExtension, notBefore, notAfter);
    }

    ForgedCertificate withKeyUsage(int usage, KeyPurposeId... extendedUsages) {
        return new ForgedCertificate(commonName, authority, usage, List.of(extendedUsages), albatrossExtension,
                notBefore, notAfter);
    }

    /** The albatross extension's value replaced by these bytes, DER or not. */
    ForgedCertificate withExtension(byte[] value) {
        return new ForgedCertificate(commonName, authority, keyUsage, purposes, Optional.of(Octets.of(value)),
                notBefore, notAfter);
    }

    ForgedCertificate withoutExtension() {
        return new ForgedCertificate(commonName, authority, keyUsage, purposes, Optional.empty(), notBefore, notAfter);
    }

    ForgedCertificate validBetween(Instant from, Instant until) {
        return new ForgedCertificate(commonName, authority, keyUsage, purposes, albatrossExtension, from, until);
    }

    /** The certificate with a fresh key, signed by {@code issuer}, followed by the issuer's chain. */
    Credential signedBy(Credential issuer) {
        KeyPair keys = TlsFixture.KEYS.generate(RANDOM);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    new BigInteger(127, RANDOM).setBit(126), Date.from(notBefore), Date.from(notAfter),
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (!purposes.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (albatrossExtension.isPresent()) {
                builder.addExtension(new ASN1ObjectIdentifier(AlbatrossExtension.OID), false,
                        albatrossExtension.get().toByteArray());
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(KeyType.of(issuer.key()).signatureAlgorithm()).build(issuer.key())));
            List<X509Certificate> chain = new ArrayList<>(List.of(certificate));
            chain.addAll(issuer.chain());
            return new Credential(chain, keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("could not forge a certificate for " + commonName, e);
        }
    }
}

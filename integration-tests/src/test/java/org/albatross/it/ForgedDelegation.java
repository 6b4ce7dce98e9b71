package org.albatross.it;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Command;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
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
 * A tenant CA signed with its parent's key directly, past the checks albatross-client makes (it will neither issue
 * nor use a CA whose policy exceeds its parent's), and a command certificate below it: what a tenant who bypasses
 * the client could present, so that a test shows the daemon refuses it too.
 */
final class ForgedDelegation {
    private ForgedDelegation() {
    }

    /**
     * A command certificate carrying {@code command}, issued by a CA {@code name} with {@code policy} that the
     * parent CA (its files in {@code pki}) signed; its chain runs up to, not including, the root.
     */
    static Credential commandBelowForgedCa(Path pki, String parent, String name, Policy policy, Command command)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        List<X509Certificate> parentChain = Pem.certificates(Files.readString(pki.resolve(parent + ".pem")));
        PrivateKey parentKey = Pem.privateKey(Files.readString(pki.resolve(parent + ".key")));
        KeyPair caKeys = KeyType.ED25519.generate(new SecureRandom());
        KeyPair leafKeys = KeyType.P256.generate(new SecureRandom());
        X509Certificate ca = issue(parentChain.get(0), parentKey, name, caKeys, true,
                AlbatrossExtension.encode(new PolicyCommand.Add(policy)));
        X509Certificate leaf = issue(ca, caKeys.getPrivate(), ".", leafKeys, false,
                AlbatrossExtension.encode(command));
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf, ca));
        chain.addAll(parentChain.subList(0, parentChain.size() - 1));
        return new Credential(chain, leafKeys.getPrivate());
    }

    private static X509Certificate issue(X509Certificate issuer, PrivateKey issuerKey, String commonName,
            KeyPair subject, boolean authority, byte[] albatrossExtension)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new SecureRandom()).setBit(62), Date.from(now.minusSeconds(10)),
                Date.from(now.plus(Duration.ofHours(1))), new X500Name("CN=" + commonName), subject.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
                ? KeyUsage.keyCertSign | KeyUsage.digitalSignature
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (!authority) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        builder.addExtension(new ASN1ObjectIdentifier(AlbatrossExtension.OID), false, albatrossExtension);
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(KeyType.of(issuerKey).signatureAlgorithm()).build(issuerKey)));
    }
}

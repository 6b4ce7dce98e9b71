package org.albatross.policy.provision;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Optional;

import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.cert.CertificateNames;
import org.albatross.protocol.Command;
import org.albatross.protocol.ProtocolError;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Certificate signing requests as albatross's client writes them: a common name, and for a tenant or a command
 * the albatross extension, asked for in the request's extension attribute.
 */
public final class SigningRequest {

    private static final ASN1ObjectIdentifier ALBATROSS_EXTENSION = new ASN1ObjectIdentifier(AlbatrossExtension.OID);

    private SigningRequest() {
    }

    /** A request for {@code commonName}, asking for {@code command} in the extension when present. */
    public static PKCS10CertificationRequest create(String commonName, Optional<Command> command, KeyPair keys) {
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                CertificateAuthority.commonName(commonName), keys.getPublic());
        try {
            if (command.isPresent()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(ALBATROSS_EXTENSION, false, AlbatrossExtension.encode(command.get()));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(new JcaContentSignerBuilder(KeyType.of(keys.getPrivate()).signatureAlgorithm())
                    .build(keys.getPrivate()));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a request for " + commonName, e);
        }
    }

    /** The command the request asks for, or empty when it asks for no albatross extension. */
    public static Optional<Command> command(PKCS10CertificationRequest request) {
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extension extension = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0))
                    .getExtension(ALBATROSS_EXTENSION);
            if (extension != null) {
                try {
                    return Optional.of(AlbatrossExtension.decode(extension.getExtnValue().getOctets()));
                } catch (ProtocolError e) {
                    throw new IllegalArgumentException("the request for " + request.getSubject()
                            + " has a malformed albatross extension: " + e.getMessage(), e);
                }
            }
        }
        return Optional.empty();
    }

    /** The request's common name, which becomes the tenant's or unikernel's label. */
    public static String commonName(PKCS10CertificationRequest request) {
        return CertificateNames.commonName(request.getSubject()).orElseThrow(() -> new IllegalArgumentException(
                "the request for \"" + request.getSubject()
                        + "\" has no common name (CN) to name the tenant or unikernel"));
    }

    /** The key the request asks a certificate for, once checked to have signed the request. */
    static PublicKey verifiedKey(PKCS10CertificationRequest request) {
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
            if (request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                return key;
            }
        } catch (IOException | OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException("the request for \"" + request.getSubject()
                    + "\" cannot be verified: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the request for \"" + request.getSubject()
                + "\" is not signed by the key it asks a certificate for");
    }
}

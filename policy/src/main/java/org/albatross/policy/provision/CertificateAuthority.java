package org.albatross.policy.provision;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;

import org.albatross.policy.PolicyRules;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.cert.CertificateNames;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.cert.Delegation;
import org.albatross.policy.cert.IdentityReader;
import org.albatross.policy.cert.Revocations;
import org.albatross.protocol.Command;
import org.albatross.protocol.Label;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A certificate authority that issues what albatross's client issues: the endpoint's server certificate,
 * delegated CAs carrying a policy, command leaves and certificates for signing requests, plus revocation lists.
 * Time comes from the injected clock; every certificate starts {@link #CLOCK_SKEW} before "now" so that a
 * server whose clock lags a little still accepts it.
 */
public final class CertificateAuthority {

    private static final ASN1ObjectIdentifier ALBATROSS_EXTENSION = new ASN1ObjectIdentifier(AlbatrossExtension.OID);
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
    private final Path tenantPath;
    private final Optional<Policy> policy;

    private CertificateAuthority(Credential credential, Clock clock, SecureRandom random) {
        this.credential = credential;
        this.clock = clock;
        this.random = random;
        List<Delegation> delegations = delegationsOf(credential.chain());
        Optional<Delegation> innermost = delegations.isEmpty() ? Optional.empty()
                : Optional.of(delegations.get(delegations.size() - 1));
        this.tenantPath = innermost.map(Delegation::path).orElse(Path.ROOT);
        this.policy = innermost.map(Delegation::policy);
    }

    /** A CA from an existing certificate (with the chain above it) and key, e.g. read from PEM files. */
    public static CertificateAuthority of(Credential credential, Clock clock) {
        X509Certificate certificate = credential.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate " + CertificateNames.describe(certificate)
                    + " is not a CA (BasicConstraints CA:false or absent), it cannot issue certificates");
        }
        if (!belongsTo(credential.key(), certificate.getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to certificate "
                    + CertificateNames.describe(certificate));
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

    /** The tenant path this CA speaks for: the common names of the policy-carrying CAs in its chain. */
    public Path tenantPath() {
        return tenantPath;
    }

    /** The policy this CA was granted (the innermost in its chain), empty for a root CA. */
    public Optional<Policy> policy() {
        return policy;
    }

    /**
     * A CA for the tenant {@code label} below this one, with a fresh key, carrying {@code policy}; refused unless
     * the policy is usable and fits inside this CA's own.
     */
    public CertificateAuthority delegate(Label label, Policy delegated, KeyType keyType, Duration validity)
            throws PolicyViolation {
        requireDelegable(tenantPath.append(label), delegated);
        Credential child = issueWithFreshKey(label.value(), keyType, CertificateProfile.AUTHORITY,
                AlbatrossExtension.encode(new PolicyCommand.Add(delegated)), validity);
        return new CertificateAuthority(child, clock, random);
    }

    /**
     * A command certificate: a fresh key, valid {@link #COMMAND_VALIDITY}, whose extension carries {@code command}.
     * The common name is the unikernel's label, or {@code "."} for a command on the tenant path itself.
     */
    public Credential issueCommand(String commonName, Command command, KeyType keyType) {
        if (!IdentityReader.allowedInLeaf(command)) {
            throw new IllegalArgumentException(command
                    + " cannot be sent in a certificate; the daemon would refuse it");
        }
        return issueWithFreshKey(commonName, keyType, CertificateProfile.CLIENT, AlbatrossExtension.encode(command),
                COMMAND_VALIDITY);
    }

    /**
     * Signs a certificate signing request as albatross's {@code sign} does, deciding by the extension it asks for: a
     * policy makes a delegated CA (after the same checks as {@link #delegate}), another command a client
     * certificate, none a server certificate. Validity defaults to one year for CAs and servers, one day for
     * clients. Returns the new certificate followed by this CA's chain.
     */
    public List<X509Certificate> sign(PKCS10CertificationRequest request, Optional<Duration> validity)
            throws PolicyViolation {
        PublicKey subjectKey = SigningRequest.verifiedKey(request);
        Optional<Command> command = SigningRequest.command(request);
        CertificateProfile profile = CertificateProfile.SERVER;
        Duration defaultValidity = SERVER_VALIDITY;
        if (command.isPresent() && command.get() instanceof PolicyCommand.Add add) {
            requireDelegable(tenantPath.append(Label.of(SigningRequest.commonName(request))), add.policy());
            profile = CertificateProfile.AUTHORITY;
            defaultValidity = POLICY_VALIDITY;
        } else if (command.isPresent()) {
            profile = CertificateProfile.CLIENT;
            defaultValidity = CLIENT_VALIDITY;
        }
        return chainBelowMe(issue(request.getSubject(), subjectKey, profile,
                command.map(AlbatrossExtension::encode).orElse(null), validity.orElse(defaultValidity)));
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
        return revocationList(Optional.empty(), revokedSerials, validity);
    }

    /**
     * This CA's revocation list {@code current} (none yet: empty) with {@code serial} added, revoked now, valid from
     * now for {@code validity}: the earlier entries keep their dates and the list's number goes up by one (RFC 5280's
     * CRL number, so that a reader can tell the newer of two lists).
     *
     * @throws IllegalArgumentException if {@code current} is not this CA's (issued and signed by it)
     */
    public X509CRL revoke(Optional<X509CRL> current, BigInteger serial, Duration validity) {
        current.ifPresent(list -> Revocations.requireIssuedBy(list, certificate()));
        return revocationList(current, List.of(serial), validity);
    }

    /** Whether this CA issued {@code certificate}: it names this CA as its issuer and this CA's key signed it. */
    public boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private X509CRL revocationList(Optional<X509CRL> earlier, Collection<BigInteger> revokedSerials,
            Duration validity) {
        Instant now = clock.instant();
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate(), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(validity)));
        for (BigInteger serial : revokedSerials) {
            builder.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
        }
        try {
            BigInteger number = BigInteger.ONE;
            if (earlier.isPresent()) {
                builder.addCRL(new JcaX509CRLHolder(earlier.get()));
                number = number(earlier.get()).add(BigInteger.ONE);
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate().getPublicKey()));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(credential.key())));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not sign a revocation list with "
                    + CertificateNames.describe(certificate()), e);
        }
    }

    /** A list's CRL number; 0 for a list without one (e.g. OpenSSL's without {@code crlnumber}). */
    private static BigInteger number(X509CRL list) throws IOException {
        byte[] extension = list.getExtensionValue(Extension.cRLNumber.getId());
        return extension == null ? BigInteger.ZERO
                : ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getValue();
    }

    private void requireDelegable(Path path, Policy delegated) throws PolicyViolation {
        PolicyRules.requireUsable(path, delegated);
        if (policy.isPresent()) {
            PolicyRules.requireSmaller(path, delegated, tenantPath, policy.get());
        }
    }

    private static List<Delegation> delegationsOf(List<X509Certificate> chain) {
        try {
            return IdentityReader.delegations(chain);
        } catch (ChainRefused e) {
            throw new IllegalArgumentException("this CA's own chain is unusable: " + e.getMessage(), e);
        }
    }

    private Credential issueWithFreshKey(String commonName, KeyType keyType, CertificateProfile profile,
            byte[] extension, Duration validity) {
        KeyPair keys = keyType.generate(random);
        X509Certificate certificate = issue(commonName(commonName), keys.getPublic(), profile, extension, validity);
        return new Credential(chainBelowMe(certificate), keys.getPrivate());
    }

    private X509Certificate issue(X500Name subject, PublicKey subjectKey, CertificateProfile profile, byte[] extension,
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
    private List<X509Certificate> chainBelowMe(X509Certificate certificate) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(credential.chain());
        return chain;
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

}

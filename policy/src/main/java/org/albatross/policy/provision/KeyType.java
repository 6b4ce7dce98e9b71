package org.albatross.policy.provision;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The key types albatross's client offers; Ed25519 is the default. */
public enum KeyType {
    ED25519("ed25519", "Ed25519", null, "Ed25519"),
    P256("p256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
    P384("p384", "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
    RSA2048("rsa2048", "RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
    RSA4096("rsa4096", "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), "SHA256withRSA");

    public static final KeyType DEFAULT = ED25519;

    private final String cliName;
    private final String keyAlgorithm;
    private final AlgorithmParameterSpec parameters;
    private final String signatureAlgorithm;

    KeyType(String cliName, String keyAlgorithm, AlgorithmParameterSpec parameters, String signatureAlgorithm) {
        this.cliName = cliName;
        this.keyAlgorithm = keyAlgorithm;
        this.parameters = parameters;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name used on albatross's command line, e.g. {@code ed25519} or {@code rsa4096}. */
    public String cliName() {
        return cliName;
    }

    /** The JCA signature algorithm a key of this type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            if (parameters != null) {
                generator.initialize(parameters, random);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("this JVM cannot generate " + cliName + " keys", e);
        }
    }

    /** Parses a command-line key type name, ignoring case. */
    public static KeyType parse(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(type -> type.cliName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown key type \"" + name + "\"; expected one of "
                        + Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", "))));
    }

    /** The key type of an existing key, to pick the signature algorithm a private key signs with. */
    public static KeyType of(Key key) throws GeneralSecurityException {
        if (key instanceof RSAKey rsa) {
            return switch (rsa.getModulus().bitLength()) {
                case 2048 -> RSA2048;
                case 4096 -> RSA4096;
                default -> throw unsupported(key, rsa.getModulus().bitLength() + "-bit RSA");
            };
        }
        if (key instanceof ECKey ec) {
            return switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> P256;
                case 384 -> P384;
                default -> throw unsupported(key, "this elliptic curve");
            };
        }
        if (key instanceof EdECKey ed && ed.getParams().getName().equals("Ed25519")) {
            return ED25519;
        }
        throw unsupported(key, key.getAlgorithm());
    }

    private static GeneralSecurityException unsupported(Key key, String what) {
        return new GeneralSecurityException("unsupported key: " + what + " (" + key.getFormat()
                + "); albatross keys are ed25519, p256, p384, rsa2048 or rsa4096");
    }
}

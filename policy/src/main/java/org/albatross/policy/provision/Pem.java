package org.albatross.policy.provision;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM text in and out: certificates, private keys, signing requests and revocation lists. Works on strings only. */
public final class Pem {

    private Pem() {
    }

    /** All certificates in the text, in order (a chain file is leaf first). */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : objects(pem)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new PemException("expected only certificates, found " + describe(object));
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new PemException("unreadable certificate " + holder.getSubject() + ": " + e.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            throw new PemException("no certificate found (expected a -----BEGIN CERTIFICATE----- block)");
        }
        return List.copyOf(certificates);
    }

    public static PrivateKey privateKey(String pem) {
        Object object = single(pem, "private key");
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new PemException("unreadable private key: " + e.getMessage());
        }
        throw new PemException("expected an unencrypted private key, found " + describe(object));
    }

    public static PKCS10CertificationRequest certificationRequest(String pem) {
        if (single(pem, "certificate signing request") instanceof PKCS10CertificationRequest request) {
            return request;
        }
        throw new PemException("expected a -----BEGIN CERTIFICATE REQUEST----- block");
    }

    public static X509CRL revocationList(String pem) {
        if (single(pem, "revocation list") instanceof X509CRLHolder holder) {
            try {
                return new JcaX509CRLConverter().getCRL(holder);
            } catch (CRLException e) {
                throw new PemException("unreadable revocation list: " + e.getMessage());
            }
        }
        throw new PemException("expected a -----BEGIN X509 CRL----- block");
    }

    /** Certificates, signing requests and revocation lists as PEM, in the order given. */
    public static String encode(List<?> objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing PEM to a string", e);
        }
        return out.toString();
    }

    public static String encode(Object object) {
        return encode(List.of(object));
    }

    /** A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block, whatever its type. */
    public static String encodePrivateKey(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException("writing PEM to a string", e);
        }
        return out.toString();
    }

    private static Object single(String pem, String what) {
        List<Object> objects = objects(pem);
        if (objects.size() != 1) {
            throw new PemException("expected one " + what + ", found " + objects.size() + " PEM blocks");
        }
        return objects.get(0);
    }

    private static List<Object> objects(String pem) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException e) {
            throw new PemException("malformed PEM: " + e.getMessage());
        }
        return objects;
    }

    private static String describe(Object object) {
        return object.getClass().getSimpleName();
    }

    /** Text that is not the PEM expected; the message says what was expected. */
    public static final class PemException extends IllegalArgumentException {
        PemException(String message) {
            super(message);
        }
    }
}

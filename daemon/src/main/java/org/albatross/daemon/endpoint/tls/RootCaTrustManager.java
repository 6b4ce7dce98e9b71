package org.albatross.daemon.endpoint.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.cert.ChainVerifier;

/**
 * Accepts a client chain during the handshake when its signatures lead to the configured root CA, whichever TLS
 * provider runs the handshake. Validity, constraints and revocation are checked right after the handshake by the
 * {@code IdentityReader}, so that the client gets a failure reply saying why rather than a bare TLS alert. The
 * authorities above a leaf are verified once (see {@link VerifiedAuthorities}); each leaf's signature always is.
 */
final class RootCaTrustManager extends X509ExtendedTrustManager {
    /** Far more tenants than a daemon serves at once; a chain is a few kilobytes. */
    private static final int VERIFIED_CHAINS = 1024;

    private final X509Certificate root;
    private final ChainVerifier verifier;
    private final VerifiedAuthorities verified = new VerifiedAuthorities(VERIFIED_CHAINS);

    RootCaTrustManager(X509Certificate root) {
        this.root = root;
        this.verifier = new ChainVerifier(root);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        List<X509Certificate> certificates = Arrays.asList(chain);
        try {
            if (certificates.size() > 1 && verified.contains(certificates.subList(1, chain.length))) {
                new ChainVerifier(chain[1]).verify(certificates.subList(0, 1));
            } else {
                verifier.verify(certificates);
                if (certificates.size() > 1) {
                    verified.add(certificates.subList(1, chain.length));
                }
            }
        } catch (ChainRefused e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the daemon's endpoint only authenticates clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {root};
    }
}

package org.albatross.daemon.endpoint.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.cert.ChainVerifier;

/**
 * Accepts a client chain during the handshake when its signatures lead to the configured root CA, whichever TLS
 * provider runs the handshake. Validity, constraints and revocation are checked right after the handshake by the
 * {@code IdentityReader}, so that the client gets a failure reply saying why rather than a bare TLS alert.
 */
final class RootCaTrustManager extends X509ExtendedTrustManager {
    private final X509Certificate root;
    private final ChainVerifier verifier;

    RootCaTrustManager(X509Certificate root) {
        this.root = root;
        this.verifier = new ChainVerifier(root);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            verifier.verify(Arrays.asList(chain));
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

package org.albatross.policy.provision;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with the chain above it (leaf first, as TLS presents it) and its private key.
 *
 * @param chain the certificate first, then its issuers; the root may be left out
 * @param key the private key of the first certificate
 */
public record Credential(List<X509Certificate> chain, PrivateKey key) {

    public Credential {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least its own certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}

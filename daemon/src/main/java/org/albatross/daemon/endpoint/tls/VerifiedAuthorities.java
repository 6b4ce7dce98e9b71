package org.albatross.daemon.endpoint.tls;

import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate authorities above client leaves whose signatures were found to lead to the root CA, by their
 * encoding: a tenant's chain is the same for each of its command leaves, so each new connection only needs its leaf's
 * signature checked. Only signatures are remembered, which cannot change for the same bytes; validity, constraints
 * and revocation are checked again for every connection. Bounded: once full it starts over, which costs only
 * verifications.
 */
final class VerifiedAuthorities {
    private final int capacity;
    private final Set<List<ByteBuffer>> verified = ConcurrentHashMap.newKeySet();

    VerifiedAuthorities(int capacity) {
        this.capacity = capacity;
    }

    /** Whether {@code authorities}, the chain above a leaf, was verified to the root. */
    boolean contains(List<X509Certificate> authorities) {
        return encodings(authorities).map(verified::contains).orElse(false);
    }

    /** Remembers {@code authorities}, the chain above a leaf, as verified to the root. */
    void add(List<X509Certificate> authorities) {
        encodings(authorities).ifPresent(key -> {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            verified.add(key);
        });
    }

    /** The encodings of {@code authorities}; empty for a certificate that has none, which is then never cached. */
    private static Optional<List<ByteBuffer>> encodings(List<X509Certificate> authorities) {
        try {
            ByteBuffer[] encoded = new ByteBuffer[authorities.size()];
            for (int i = 0; i < encoded.length; i++) {
                encoded[i] = ByteBuffer.wrap(authorities.get(i).getEncoded());
            }
            return Optional.of(List.of(encoded));
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
    }
}

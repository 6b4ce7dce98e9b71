package org.albatross.daemon.endpoint.tls;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;

/** The handshake's chain check, with the tenant authorities it verified once remembered. */
class RootCaTrustManagerTest {
    private final CertificateAuthority root = CertificateAuthority.createRoot("root", RemotePki.KEYS,
            RemotePki.VALIDITY, Clock.systemUTC());
    private final CertificateAuthority tenant = RemotePki.tenant(root, "a", TlsEndpointTest.TENANT);
    private final RootCaTrustManager trust = new RootCaTrustManager(root.certificate());

    private static X509Certificate[] chain(Credential leaf, X509Certificate... above) {
        return Stream.concat(Stream.of(leaf.certificate()), Stream.of(above)).toArray(X509Certificate[]::new);
    }

    private Credential info(CertificateAuthority issuer) {
        return RemotePki.command(issuer, ".", new UnikernelCommand.Info());
    }

    @Test
    void everyLeafOfAVerifiedTenantIsAccepted() {
        for (int i = 0; i < 3; i++) {
            X509Certificate[] chain = chain(info(tenant), tenant.certificate());
            assertThatCode(() -> trust.checkClientTrusted(chain, "EC")).doesNotThrowAnyException();
        }
    }

    @Test
    void aLeafNotSignedByAVerifiedTenantIsStillRefused() throws CertificateException {
        trust.checkClientTrusted(chain(info(tenant), tenant.certificate()), "EC");
        // The same tenant name under another root: its leaf names "a" as issuer, but "a"'s key did not sign it.
        CertificateAuthority impostor = RemotePki.tenant(CertificateAuthority.createRoot("root", RemotePki.KEYS,
                RemotePki.VALIDITY, Clock.systemUTC()), "a", TlsEndpointTest.TENANT);

        assertThatThrownBy(() -> trust.checkClientTrusted(chain(info(impostor), tenant.certificate()), "EC"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("is not signed by");
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(info(impostor), impostor.certificate()), "EC"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("is not signed by");
    }

    @Test
    void aChainThatIncludesTheRootIsVerifiedAndRemembered() {
        List<X509Certificate[]> chains = List.of(chain(info(tenant), tenant.certificate(), root.certificate()),
                chain(info(tenant), tenant.certificate(), root.certificate()));
        for (X509Certificate[] chain : chains) {
            assertThatCode(() -> trust.checkClientTrusted(chain, "EC")).doesNotThrowAnyException();
        }
    }
}

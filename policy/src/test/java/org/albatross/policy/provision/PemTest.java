package org.albatross.policy.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ED25519", "P256", "P384", "RSA2048"})
    void privateKeysRoundTripAsPkcs8(KeyType keyType) throws Exception {
        KeyPair keys = keyType.generate(new SecureRandom());

        String pem = Pem.encodePrivateKey(keys.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.privateKey(pem).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(KeyType.of(Pem.privateKey(pem))).isEqualTo(keyType);
    }

    @Test
    void aChainFileKeepsItsOrder() {
        CertificateAuthority root = CertificateAuthority.createRoot("test", KeyType.ED25519,
                java.time.Duration.ofDays(1), java.time.Clock.systemUTC());
        Credential server = root.issueServer("host", KeyType.ED25519, java.time.Duration.ofDays(1));

        assertThat(Pem.certificates(Pem.encode(server.chain()))).isEqualTo(server.chain());
    }

    @Test
    void textThatIsNotTheExpectedPemSaysWhatWasExpected() {
        assertThatThrownBy(() -> Pem.certificates("hello"))
                .isInstanceOf(Pem.PemException.class)
                .hasMessageContaining("no certificate found");
        String key = Pem.encodePrivateKey(KeyType.ED25519.generate(new SecureRandom()).getPrivate());
        assertThatThrownBy(() -> Pem.certificates(key)).hasMessageContaining("expected only certificates");
        assertThatThrownBy(() -> Pem.certificationRequest(key))
                .hasMessageContaining("expected a -----BEGIN CERTIFICATE REQUEST----- block");
        assertThatThrownBy(() -> Pem.privateKey(key + key)).hasMessageContaining("found 2 PEM blocks");
    }

    @Test
    void keyTypesParseByTheirCommandLineNames() {
        assertThat(KeyType.parse("ED25519")).isEqualTo(KeyType.ED25519);
        assertThat(KeyType.parse("rsa4096")).isEqualTo(KeyType.RSA4096);
        assertThatThrownBy(() -> KeyType.parse("dsa"))
                .hasMessage("unknown key type \"dsa\"; expected one of ed25519, p256, p384, rsa2048, rsa4096");
    }
}

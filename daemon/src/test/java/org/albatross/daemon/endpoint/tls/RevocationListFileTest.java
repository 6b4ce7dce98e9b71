package org.albatross.daemon.endpoint.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.albatross.daemon.testing.LogCapture;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revocation list file the endpoint checks chains against, read again when it changes. */
class RevocationListFileTest {
    @TempDir
    Path directory;

    private final LogCapture log = new LogCapture(RevocationListFile.class);
    private RemotePki pki;
    private CertificateAuthority tenant;
    private List<X509Certificate> chain;

    @BeforeEach
    void provision() throws IOException {
        pki = new RemotePki(directory);
        tenant = RemotePki.tenant(pki.root, "a", TlsEndpointTest.TENANT);
        chain = RemotePki.command(tenant, ".", new UnikernelCommand.Info()).chain();
    }

    @AfterEach
    void detach() {
        log.close();
    }

    private RevocationListFile list() throws IOException {
        return RevocationListFile.read(pki.root.certificate(), pki.config.crl());
    }

    private boolean accepts(RevocationListFile list) {
        try {
            list.get().read(chain, Instant.now());
            return true;
        } catch (ChainRefused refused) {
            assertThat(refused.getMessage()).contains("revoked");
            return false;
        }
    }

    @Test
    void aListWrittenAfterStartIsReadAtTheNextChainWithoutASignal() throws Exception {
        RevocationListFile list = list();
        assertThat(accepts(list)).as("nothing revoked yet").isTrue();

        pki.revoke(List.of(tenant.certificate().getSerialNumber()));

        assertThat(accepts(list)).as("the tenant revoked").isFalse();
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("its file changed");
    }

    @Test
    void anUnchangedFileIsNotReadAgain() throws Exception {
        RevocationListFile list = list();

        assertThat(list.get()).isSameAs(list.get());
        assertThat(log.messages(Level.INFO)).isEmpty();
    }

    @Test
    void aSignalReadsTheListAgainEvenIfItsFileLooksTheSame() throws Exception {
        RevocationListFile list = list();

        list.reload();

        assertThat(log.messages(Level.INFO)).singleElement().asString().startsWith("revocation list reloaded:");
    }

    @Test
    void aBrokenListLeavesThePreviousInForceOnceUntilItsFileChangesAgain() throws Exception {
        RevocationListFile list = list();
        pki.revoke(List.of(tenant.certificate().getSerialNumber()));
        assertThat(accepts(list)).isFalse();
        Path file = pki.config.crl().orElseThrow();

        Files.writeString(file, "not a revocation list");

        assertThat(accepts(list)).as("the revocation stays in force").isFalse();
        assertThat(accepts(list)).as("and is not read again while unchanged").isFalse();
        assertThat(log.messages(Level.ERROR)).singleElement().asString()
                .startsWith("the revocation list was not reloaded, the previous one stays in force");

        pki.revoke(List.of());

        assertThat(accepts(list)).as("a good list written again is read").isTrue();
    }

    @Test
    void aMissingListStopsTheStartNamingItsFile() {
        Path missing = directory.resolve("absent.pem");

        assertThatThrownBy(() -> RevocationListFile.read(pki.root.certificate(), Optional.of(missing)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cannot read " + missing);
    }
}

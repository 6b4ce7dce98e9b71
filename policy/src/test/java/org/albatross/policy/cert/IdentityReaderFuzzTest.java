package org.albatross.policy.cert;

import static org.albatross.policy.cert.CertificateForge.NOW;
import static org.albatross.policy.cert.CertificateForge.chain;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.albatross.policy.cert.CertificateForge.Forged;
import org.albatross.protocol.testing.InputTimeLimit;

/**
 * A leaf with any common name and any extension value gives an identity or a refusal, never another exception. In
 * a normal run it replays the seed corpus in
 * src/test/resources/org/albatross/policy/cert/IdentityReaderFuzzTestInputs/; with JAZZER_FUZZ=1 it fuzzes.
 */
class IdentityReaderFuzzTest {

    private static final Forged ROOT = CertificateForge.authority("root").forge();
    private static final IdentityReader READER = new IdentityReader(Revocations.NONE);

    /** RFC 5280's upper bound, which Bouncy Castle enforces when building a name; a label is at most 63. */
    private static final int MAX_COMMON_NAME = 64;

    @FuzzTest(maxDuration = "60s")
    void anyLeafGivesAnIdentityOrARefusal(FuzzedDataProvider data) throws Exception {
        String commonName = data.consumeString(MAX_COMMON_NAME);
        Forged leaf = CertificateForge.leaf(commonName).issuedBy(ROOT).extension(data.consumeRemainingAsBytes())
                .forge();
        InputTimeLimit.check(() -> read(leaf));
    }

    private static void read(Forged leaf) {
        try {
            Identity identity = READER.read(chain(leaf), NOW);
            assertThat(identity.name().path().isRoot()).isTrue();
            assertThat(IdentityReader.allowedInLeaf(identity.command())).isTrue();
        } catch (ChainRefused refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}

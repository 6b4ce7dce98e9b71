package org.albatross.policy.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.albatross.policy.cert.ChainRefused.Reason;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** albatross's own chains (ca-test.pem and chain1 to chain3) read to the identities albatross reads. */
class AlbatrossVectorsIdentityTest {

    /** Inside the validity of all three leaves (13:07:51 to 13:09:53 UTC on 2025-08-22). */
    private static final Instant INSIDE_VALIDITY = Instant.parse("2025-08-22T13:08:30Z");
    private static final Policy ARC = new Policy(1, Set.of(0), 512, Optional.empty(), Set.of());

    private static List<X509Certificate> chain(String files) {
        List<X509Certificate> chain = new ArrayList<>();
        for (String file : files.split(" ")) {
            chain.addAll(Pem.certificates(AlbatrossVectors.text(file)));
        }
        return chain;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "chain1-leaf.pem ca-test.pem, :foo, false",
        "chain2-leaf.pem ca-test.pem, :foo.bar, false",
        "chain3-leaf.pem chain3-intermediate.pem ca-test.pem, arc:foo.bar, true",
    })
    void theVectorChainsGiveAlbatrosssIdentities(String files, String name, boolean arcPolicy) throws ChainRefused {
        List<X509Certificate> chain = chain(files);
        X509Certificate root = chain.get(chain.size() - 1);
        new ChainVerifier(root).verify(chain);

        Identity identity = new IdentityReader(Revocations.NONE).read(chain, INSIDE_VALIDITY);

        assertThat(identity.name()).isEqualTo(Name.parse(name));
        assertThat(identity.policies()).isEqualTo(arcPolicy ? List.of(new Delegation(Path.of("arc"), ARC)) : List.of());
        assertThat(identity.command()).isEqualTo(new ConsoleCommand.SubscribeCount(20));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "chain1-leaf.pem ca-test.pem",
        "chain2-leaf.pem ca-test.pem",
        "chain3-leaf.pem chain3-intermediate.pem ca-test.pem",
    })
    void theVectorChainsAreRefusedAsExpiredToday(String files) {
        List<X509Certificate> chain = chain(files);

        assertThatThrownBy(() -> new IdentityReader(Revocations.NONE).read(chain, Instant.now()))
                .isInstanceOfSatisfying(ChainRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED))
                .hasMessageStartingWith("certificate expired: ");
    }
}

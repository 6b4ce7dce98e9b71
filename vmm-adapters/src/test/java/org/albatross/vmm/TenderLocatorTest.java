package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.albatross.vmm.TenderLocator.Candidate;
import org.albatross.vmm.solo5.Solo5Abi;
import org.albatross.vmm.solo5.Solo5Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tender discovery over tenders at odd paths ({@link FakeTenders}: scripts that answer --version). */
class TenderLocatorTest {
    private static final Solo5Abi SPT_2 = new Solo5Abi(Solo5Target.SPT, 2);
    private static final Set<Solo5Target> BOTH = Set.of(Solo5Target.HVT, Solo5Target.SPT);

    @TempDir
    Path root;

    @Test
    void ordersTheTenderDirectoryFirstThenAlbatrosssOrder() {
        Map<Path, List<String>> listings = Map.of(
                Path.of("/opt/solo5"), List.of("solo5-hvt", "solo5-hvt.2", "solo5-spt"),
                Path.of("/var/lib/albatross"), List.of("solo5-hvt", "solo5-hvt.3", "solo5-hvt.2"),
                Path.of("/usr/bin"), List.of("solo5-hvt.2", "solo5-hvt", "solo5-hvt.x", "solo5-hvt-debug"),
                Path.of("/usr/local/bin"), List.of("solo5-hvt"));

        List<Candidate> candidates = TenderLocator.candidates(Solo5Target.HVT, Optional.of(Path.of("/opt/solo5")),
                List.of(Path.of("/var/lib/albatross"), Path.of("/usr/bin"), Path.of("/usr/local/bin")),
                directory -> listings.getOrDefault(directory, List.of()));

        assertThat(candidates).containsExactly(
                new Candidate(Path.of("/opt/solo5/solo5-hvt.2"), OptionalInt.of(2)),
                new Candidate(Path.of("/opt/solo5/solo5-hvt"), OptionalInt.empty()),
                new Candidate(Path.of("/var/lib/albatross/solo5-hvt.2"), OptionalInt.of(2)),
                new Candidate(Path.of("/var/lib/albatross/solo5-hvt.3"), OptionalInt.of(3)),
                new Candidate(Path.of("/usr/bin/solo5-hvt.2"), OptionalInt.of(2)),
                new Candidate(Path.of("/var/lib/albatross/solo5-hvt"), OptionalInt.empty()),
                new Candidate(Path.of("/usr/bin/solo5-hvt"), OptionalInt.empty()),
                new Candidate(Path.of("/usr/local/bin/solo5-hvt"), OptionalInt.empty()));
    }

    @Test
    void aDirectoryOnThePathTwiceUnderTwoNamesGivesItsTenderUnderEach() throws Exception {
        Path usrBin = root.resolve("usr/bin");
        FakeTenders.write(usrBin.resolve("solo5-spt"), 2);
        Path bin = Files.createSymbolicLink(root.resolve("bin"), usrBin);

        Solo5Tenders tenders = locator(Optional.empty(), Map.of(), root.resolve("db"), List.of(bin, usrBin))
                .locate(Set.of(Solo5Target.SPT), Optional.empty());

        assertThat(tenders.tenderFor(SPT_2).binary()).as("the first directory of PATH, by the name PATH gives it")
                .isEqualTo(bin.resolve("solo5-spt"));
        assertThat(tenders.problems()).isEmpty();
    }

    @Test
    void honoursTheConfiguredTenderAtAnOddPathOverEveryOther() throws Exception {
        Path odd = FakeTenders.write(root.resolve("odd place/bin.d/my spt"), 2);
        Path dbdir = root.resolve("db");
        FakeTenders.write(dbdir.resolve("solo5-spt.2"), 2);

        Solo5Tenders tenders = locator(Optional.of(dbdir), Map.of(Solo5Target.SPT, odd), dbdir, List.of())
                .locate(Set.of(Solo5Target.SPT), Optional.empty());

        assertThat(tenders.tenderFor(SPT_2))
                .isEqualTo(new Tender(odd, "my spt tender, version v0.12.1", 2));
    }

    @Test
    void looksUpAConfiguredBareNameOnThePath() throws Exception {
        Path path = root.resolve("bin");
        Path tender = FakeTenders.write(path.resolve("spt-for-tests"), 2);

        Solo5Tenders tenders = locator(Optional.empty(), Map.of(Solo5Target.SPT, Path.of("spt-for-tests")),
                root.resolve("db"), List.of(root.resolve("empty"), path)).locate(BOTH, Optional.empty());

        assertThat(tenders.tenderFor(SPT_2).binary()).isEqualTo(tender);
    }

    @Test
    void refusesNamingTheKeyWhenTheConfiguredTenderIsMissing() throws Exception {
        Path missing = root.resolve("nowhere/solo5-spt");
        FakeTenders.write(root.resolve("db/solo5-spt"), 2);

        Solo5Tenders tenders = locator(Optional.empty(), Map.of(Solo5Target.SPT, missing), root.resolve("db"),
                List.of()).locate(BOTH, Optional.empty());

        assertThatThrownBy(() -> tenders.tenderFor(SPT_2)).isInstanceOf(ImageRejected.class)
                .hasMessage("no solo5-spt tender for Solo5 ABI version 2: adapters.solo5.spt-tender names " + missing
                        + ", which does not exist; put a tender for ABI version 2 there and send albatrossd SIGHUP, or"
                        + " set adapters.solo5.spt-tender to one and restart albatrossd");
        assertThat(tenders.problems()).containsExactly("adapters.solo5.spt-tender names " + missing
                + ", which does not exist");
    }

    @Test
    void refusesAConfiguredTenderThatIsNotAProgramOrDoesNotAnswer() throws Exception {
        Path text = Files.writeString(root.resolve("solo5-hvt"), "not a program");
        Path silent = FakeTenders.script(root.resolve("silent-spt"), "exit 3\n");

        Solo5Tenders tenders = locator(Optional.empty(), Map.of(Solo5Target.HVT, text, Solo5Target.SPT, silent),
                root, List.of()).locate(BOTH, Optional.empty());

        assertThat(tenders.problems()).containsExactly(
                "adapters.solo5.hvt-tender names " + text + ", which is not an executable file",
                "adapters.solo5.spt-tender names " + silent + ", which does not answer --version: `" + silent
                        + " --version` exited with 3: ");
        assertThat(tenders.found()).containsExactly(
                "no solo5-hvt tender: adapters.solo5.hvt-tender names " + text,
                "no solo5-spt tender: adapters.solo5.spt-tender names " + silent);
    }

    @Test
    void refusesAnImageOfAnotherAbiThanTheConfiguredTenderSpeaks() throws Exception {
        Path old = FakeTenders.write(root.resolve("solo5-spt"), 1);

        Solo5Tenders tenders = locator(Optional.empty(), Map.of(Solo5Target.SPT, old), root, List.of())
                .locate(BOTH, Optional.empty());

        assertThatThrownBy(() -> tenders.tenderFor(SPT_2)).hasMessage("no solo5-spt tender for Solo5 ABI version 2:"
                + " adapters.solo5.spt-tender names " + old + ", which speaks ABI version 1; put a tender for ABI"
                + " version 2 there and send albatrossd SIGHUP, or set adapters.solo5.spt-tender to one and restart"
                + " albatrossd");
    }

    @Test
    void prefersTheAbiNamedTenderInTheDatabaseDirectoryToThePlainOneOnThePath() throws Exception {
        Path dbdir = root.resolve("db");
        Path path = root.resolve("bin");
        Path named = FakeTenders.write(dbdir.resolve("solo5-spt.2"), 2);
        FakeTenders.write(path.resolve("solo5-spt"), 2);

        assertThat(locator(Optional.empty(), Map.of(), dbdir, List.of(path)).locate(BOTH, Optional.empty())
                .tenderFor(SPT_2).binary()).isEqualTo(named);
    }

    @Test
    void searchesTheTenderDirectoryBeforeTheDatabaseDirectory() throws Exception {
        Path dbdir = root.resolve("db");
        FakeTenders.write(dbdir.resolve("solo5-spt.2"), 2);
        Path first = FakeTenders.write(root.resolve("tenders/solo5-spt"), 2);

        assertThat(locator(Optional.of(root.resolve("tenders")), Map.of(), dbdir, List.of())
                .locate(BOTH, Optional.empty()).tenderFor(SPT_2).binary()).isEqualTo(first);
    }

    @Test
    void keepsATenderForEachAbiVersionFound() throws Exception {
        Path path = root.resolve("bin");
        Path abi1 = FakeTenders.write(path.resolve("solo5-hvt.1"), 1);
        Path abi2 = FakeTenders.write(path.resolve("solo5-hvt"), 2);

        Solo5Tenders tenders = locator(Optional.empty(), Map.of(), root.resolve("db"), List.of(path))
                .locate(BOTH, Optional.empty());

        assertThat(tenders.tenderFor(new Solo5Abi(Solo5Target.HVT, 1)).binary()).isEqualTo(abi1);
        assertThat(tenders.tenderFor(new Solo5Abi(Solo5Target.HVT, 2)).binary()).isEqualTo(abi2);
        assertThat(tenders.found()).containsExactly(
                "solo5-hvt for Solo5 ABI version 1: " + abi1 + " (solo5-hvt.1 tender, version v0.12.1)",
                "solo5-hvt for Solo5 ABI version 2: " + abi2 + " (solo5-hvt tender, version v0.12.1)",
                "no solo5-spt tender: looked for solo5-spt.<ABI> and solo5-spt in " + root.resolve("db") + ", "
                        + path);
    }

    @Test
    void doesNotUseATenderWhoseNameClaimsAnotherAbiVersion() throws Exception {
        Path liar = FakeTenders.write(root.resolve("solo5-spt.3"), 2);

        Solo5Tenders tenders = locator(Optional.empty(), Map.of(), root, List.of()).locate(BOTH, Optional.empty());

        assertThat(tenders.problems()).containsExactly(liar + " speaks ABI version 2, not the 3 of its name; not"
                + " used");
        assertThatThrownBy(() -> tenders.tenderFor(SPT_2)).hasMessage("no solo5-spt tender for Solo5 ABI version 2:"
                + " looked for solo5-spt.2 and solo5-spt in " + root + "; " + liar + " speaks ABI version 2, not the"
                + " 3 of its name; not used; install solo5-spt (or solo5-spt.2) there and send albatrossd SIGHUP, or"
                + " set adapters.solo5.spt-tender");
    }

    @Test
    void saysWhereItLookedWhenThereIsNoTender() throws Exception {
        Files.writeString(root.resolve("solo5-hvt"), "not a program");

        Solo5Tenders tenders = locator(Optional.of(root.resolve("missing")), Map.of(), root,
                List.of(Path.of("/nonexistent"))).locate(BOTH, Optional.empty());

        assertThatThrownBy(() -> tenders.tenderFor(new Solo5Abi(Solo5Target.HVT, 2)))
                .isInstanceOf(ImageRejected.class)
                .hasMessage("no solo5-hvt tender for Solo5 ABI version 2: looked for solo5-hvt.2 and solo5-hvt in "
                        + root.resolve("missing") + ", " + root + ", /nonexistent; adapters.solo5.tender-dir names "
                        + root.resolve("missing") + ", which is not a directory; install solo5-hvt (or solo5-hvt.2)"
                        + " there and send albatrossd SIGHUP, or set adapters.solo5.hvt-tender");
    }

    @Test
    void asksEachProgramOnceAndOnlyForEnabledTargets() throws Exception {
        Path path = root.resolve("bin");
        Path spt = FakeTenders.write(path.resolve("solo5-spt"), 2);
        FakeTenders.write(path.resolve("solo5-hvt"), 2);
        RecordingHost host = new RecordingHost();

        new TenderLocator(Optional.of(path), Map.of(), path, List.of(path), host)
                .locate(Set.of(Solo5Target.SPT), Optional.empty());

        assertThat(host.commands).containsExactly(List.of(spt.toString(), "--version"));
    }

    @Test
    void splitsAPathVariable() {
        assertThat(TenderLocator.directories("/usr/bin::/bin")).containsExactly(Path.of("/usr/bin"), Path.of("/bin"));
    }

    private static TenderLocator locator(Optional<Path> tenderDirectory, Map<Solo5Target, Path> configured,
            Path dbdir, List<Path> searchPath) {
        return new TenderLocator(tenderDirectory, configured, dbdir, searchPath, ProcessLauncher.SYSTEM);
    }

    /** Runs commands on this host and remembers them. */
    static final class RecordingHost implements HostCommand {
        final List<List<String>> commands = new java.util.ArrayList<>();

        @Override
        public String run(List<String> argv) throws HostCommandFailed {
            commands.add(argv);
            return ProcessLauncher.SYSTEM.run(argv);
        }
    }
}

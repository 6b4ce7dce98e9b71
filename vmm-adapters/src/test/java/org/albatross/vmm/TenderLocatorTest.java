package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.albatross.vmm.solo5.Solo5Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tender discovery with stand-in tenders ({@link FakeTenders}). */
class TenderLocatorTest {
    @TempDir
    Path root;

    @Test
    void searchesTheConfiguredDirectoryThenAlbatrosssOrder() {
        TenderLocator locator = new TenderLocator(Optional.of(Path.of("/opt/solo5")), Path.of("/var/lib/albatross"),
                List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin")), ProcessLauncher.SYSTEM);

        assertThat(locator.candidates(Solo5Target.HVT, 2)).containsExactly(Path.of("/opt/solo5/solo5-hvt.2"),
                Path.of("/opt/solo5/solo5-hvt"), Path.of("/var/lib/albatross/solo5-hvt.2"),
                Path.of("/usr/bin/solo5-hvt.2"), Path.of("/usr/local/bin/solo5-hvt.2"),
                Path.of("/var/lib/albatross/solo5-hvt"), Path.of("/usr/bin/solo5-hvt"),
                Path.of("/usr/local/bin/solo5-hvt"));
    }

    @Test
    void prefersTheAbiSuffixedTenderInTheDatabaseDirectory() throws Exception {
        Path dbdir = Files.createDirectory(root.resolve("db"));
        Path path = Files.createDirectory(root.resolve("bin"));
        Path suffixed = FakeTenders.write(dbdir.resolve("solo5-spt.2"), 2);
        FakeTenders.write(path.resolve("solo5-spt"), 2);

        Tender tender = new TenderLocator(Optional.empty(), dbdir, List.of(path), ProcessLauncher.SYSTEM)
                .locate(Solo5Target.SPT, 2);

        assertThat(tender).isEqualTo(new Tender(suffixed, 2));
    }

    @Test
    void findsTheTenderOnThePath() throws Exception {
        Path path = Files.createDirectory(root.resolve("bin"));
        Path plain = FakeTenders.write(path.resolve("solo5-hvt"), 2);

        assertThat(new TenderLocator(Optional.empty(), root.resolve("db"), List.of(path), ProcessLauncher.SYSTEM)
                .locate(Solo5Target.HVT, 2).binary()).isEqualTo(plain);
    }

    @Test
    void refusesATenderWithAnotherAbiVersion() throws Exception {
        Path old = FakeTenders.write(root.resolve("solo5-spt"), 1);

        assertThatThrownBy(() -> new TenderLocator(Optional.of(root), root, List.of(), ProcessLauncher.SYSTEM)
                .locate(Solo5Target.SPT, 2)).isInstanceOf(ImageRejected.class)
                .hasMessage("the image needs Solo5 ABI version 2 but the tender " + old
                        + " speaks ABI version 1; install a matching tender as solo5-spt.2");
    }

    @Test
    void saysWhereItLookedWhenThereIsNoTender() {
        assertThatThrownBy(() -> new TenderLocator(Optional.empty(), root, List.of(), ProcessLauncher.SYSTEM)
                .locate(Solo5Target.HVT, 2)).isInstanceOf(ImageRejected.class)
                .hasMessage("no solo5-hvt tender on this host; looked for [" + root.resolve("solo5-hvt.2") + ", "
                        + root.resolve("solo5-hvt") + "]. Install Solo5's tenders or set the tender directory");
    }

    @Test
    void ignoresFilesThatAreNotExecutable() throws Exception {
        Files.writeString(root.resolve("solo5-hvt"), "not a program");

        assertThatThrownBy(() -> new TenderLocator(Optional.of(root), root, List.of(), ProcessLauncher.SYSTEM)
                .locate(Solo5Target.HVT, 2)).hasMessageStartingWith("no solo5-hvt tender on this host");
    }

    @Test
    void splitsAPathVariable() {
        assertThat(TenderLocator.directories("/usr/bin::/bin")).containsExactly(Path.of("/usr/bin"), Path.of("/bin"));
    }
}

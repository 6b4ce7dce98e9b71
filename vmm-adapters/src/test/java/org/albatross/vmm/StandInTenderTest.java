package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.vmm.solo5.Solo5Image;
import org.albatross.vmm.solo5.Solo5Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled stand-in solo5-spt passes for a tender, and runs the image it is given as promised. */
class StandInTenderTest {
    @TempDir
    Path directory;

    @Test
    void isFoundAsAnSptTenderOfAbiVersionTwoThatRunsItsImage() throws Exception {
        Path standIn = StandInTender.writeTo(directory.resolve("solo5-spt"));
        Path image = Files.write(directory.resolve("image"), StandInTender.image());

        Tender tender = new TenderLocator(Optional.of(directory), Map.of(), directory, List.of(),
                ProcessLauncher.SYSTEM).locate(Set.of(Solo5Target.SPT), Optional.empty())
                .tenderFor(Solo5Image.read(StandInTender.image()).abi());

        assertThat(tender).isEqualTo(new Tender(standIn, "solo5-spt tender, version v0.12.1-albatross-stand-in",
                2));
        assertThat(ProcessLauncher.SYSTEM.run(List.of(standIn.toString(), "--mem=64", "--", image.toString(), "a")))
                .isEqualTo("albatross stand-in solo5-spt: " + image + " would run here\n");
    }
}

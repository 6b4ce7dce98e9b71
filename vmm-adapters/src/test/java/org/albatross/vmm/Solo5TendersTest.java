package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.albatross.vmm.solo5.Solo5Abi;
import org.albatross.vmm.solo5.Solo5Target;
import org.junit.jupiter.api.Test;

/** The table of tenders, without any host: lookups, refusals and what is logged. */
class Solo5TendersTest {
    private static final Tender SPT = new Tender(Path.of("/usr/bin/solo5-spt"), "solo5-spt tender, version v0.12.1", 2);
    private static final Tender HVT = new Tender(Path.of("/usr/bin/solo5-hvt"), "solo5-hvt tender, version v0.12.1", 2);
    private static final String NO_KVM = "/dev/kvm does not exist (no hardware virtualisation on this host, or the"
            + " kvm module is not loaded)";

    private static Solo5Tenders.Search searched(Solo5Target target, Tender... answered) {
        return new Solo5Tenders.Search(target, Optional.empty(), List.of(Path.of("/var/lib/albatross"),
                Path.of("/usr/bin")), List.of(answered), List.of());
    }

    @Test
    void givesTheFirstTenderOfTheImagesAbiVersion() throws ImageRejected {
        Tender later = new Tender(Path.of("/usr/local/bin/solo5-spt"), "solo5-spt tender, version v0.12.0", 2);
        Solo5Tenders tenders = new Solo5Tenders(List.of(searched(Solo5Target.SPT, SPT, later)), Optional.empty());

        assertThat(tenders.tenderFor(new Solo5Abi(Solo5Target.SPT, 2))).isSameAs(SPT);
    }

    @Test
    void refusesAnHvtImageWithoutKvmBeforeLookingForItsTender() {
        Solo5Tenders tenders = new Solo5Tenders(List.of(searched(Solo5Target.HVT, HVT)), Optional.of(NO_KVM));

        assertThatThrownBy(() -> tenders.tenderFor(new Solo5Abi(Solo5Target.HVT, 2)))
                .isInstanceOf(ImageRejected.class)
                .hasMessage("solo5-hvt cannot run here: it needs a usable KVM device, and /dev/kvm does not exist (no"
                        + " hardware virtualisation on this host, or the kvm module is not loaded); build the"
                        + " unikernel for spt, or run it on a host with KVM");
        assertThat(tenders.problems()).containsExactly("solo5-hvt images will be refused: " + NO_KVM);
    }

    @Test
    void runsSptImagesWithoutKvm() throws ImageRejected {
        Solo5Tenders tenders = new Solo5Tenders(List.of(searched(Solo5Target.SPT, SPT)), Optional.of(NO_KVM));

        assertThat(tenders.tenderFor(new Solo5Abi(Solo5Target.SPT, 2))).isSameAs(SPT);
        assertThat(tenders.problems()).as("no hvt tender, nothing lost for want of KVM").isEmpty();
    }

    @Test
    void refusesAnAbiVersionNoTenderSpeaksNamingWhereItLookedAndWhatItFound() {
        Solo5Tenders tenders = new Solo5Tenders(List.of(searched(Solo5Target.SPT, SPT)), Optional.empty());

        assertThatThrownBy(() -> tenders.tenderFor(new Solo5Abi(Solo5Target.SPT, 3)))
                .hasMessage("no solo5-spt tender for Solo5 ABI version 3: looked for solo5-spt.3 and solo5-spt in"
                        + " /var/lib/albatross, /usr/bin; /usr/bin/solo5-spt speaks ABI version 2; install solo5-spt"
                        + " (or solo5-spt.3) there and send albatrossd SIGHUP, or set adapters.solo5.spt-tender");
    }

    @Test
    void refusesATargetThatWasNotLookedFor() {
        Solo5Tenders tenders = new Solo5Tenders(List.of(searched(Solo5Target.HVT, HVT)), Optional.empty());

        assertThatThrownBy(() -> tenders.tenderFor(new Solo5Abi(Solo5Target.SPT, 2)))
                .hasMessage("no solo5-spt tender was looked for: adapters.solo5.spt is false");
    }

    @Test
    void logsEachTenderWithItsVersionLineAndEachTargetWithoutOne() {
        Solo5Tenders tenders = new Solo5Tenders(List.of(searched(Solo5Target.HVT), searched(Solo5Target.SPT, SPT)),
                Optional.empty());

        assertThat(tenders.found()).containsExactly(
                "no solo5-hvt tender: looked for solo5-hvt.<ABI> and solo5-hvt in /var/lib/albatross, /usr/bin",
                "solo5-spt for Solo5 ABI version 2: /usr/bin/solo5-spt (solo5-spt tender, version v0.12.1)");
        assertThat(tenders.problems()).isEmpty();
    }

    @Test
    void aTargetIsSearchedOnce() {
        assertThatThrownBy(() -> new Solo5Tenders(List.of(searched(Solo5Target.SPT), searched(Solo5Target.SPT)),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}

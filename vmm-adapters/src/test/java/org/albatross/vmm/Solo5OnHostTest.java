package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.albatross.protocol.Name;
import org.albatross.vmm.ExitStatus.Exited;
import org.albatross.vmm.solo5.Solo5Image;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Solo5 unikernel through the solo5 adapter. The project ships no Solo5 code or binaries, so this runs
 * only where the host has them: set ALBATROSS_SOLO5_IMAGE to a device-less Solo5 hvt or spt image that exits
 * 0 (e.g. Solo5's test_hello) and have its tender in ALBATROSS_SOLO5_TENDERS or on PATH.
 */
class Solo5OnHostTest {
    @TempDir
    Path run;

    @Test
    void runsARealSolo5UnikernelToItsExit() throws Exception {
        String imageSetting = System.getenv().getOrDefault("ALBATROSS_SOLO5_IMAGE", "");
        assumeTrue(!imageSetting.isEmpty() && Files.isReadable(Path.of(imageSetting)), "skipped: no Solo5 unikernel"
                + " given; set ALBATROSS_SOLO5_IMAGE to a Solo5 hvt/spt image without devices (e.g. test_hello.spt)"
                + " and ALBATROSS_SOLO5_TENDERS to the directory of solo5-spt/solo5-hvt (or put them on PATH)");
        byte[] image = Files.readAllBytes(Path.of(imageSetting));
        Solo5Image solo5 = Solo5Image.read(image);
        TenderLocator locator = new TenderLocator(
                Optional.ofNullable(System.getenv("ALBATROSS_SOLO5_TENDERS")).map(Path::of), run,
                TenderLocator.directories(System.getenv().getOrDefault("PATH", "")), ProcessLauncher.SYSTEM);
        Tender tender;
        try {
            tender = locator.locate(solo5.abi().target(), solo5.abi().version());
        } catch (ImageRejected e) {
            assumeTrue(false, "skipped: " + e.getMessage());
            return;
        }
        var config = Unikernels.config(Set.of(), Set.of(), Optional.empty(), false, Set.of(), 1);
        Solo5Adapter adapter = new Solo5Adapter(solo5.abi().target(), tender, HostPlatform.LINUX);
        adapter.admit(image, config);
        LaunchPlan plan = adapter.plan(Name.parse("hello"), config,
                new HostResources(Path.of(imageSetting), run, Map.of(), Map.of()));
        List<String> console = new CopyOnWriteArrayList<>();

        OrphanReaper.watch(run);
        try (MonitorWatch watch = MonitorWatch.start();
                TenderProcess unikernel = TenderProcess.start(plan, new MonitorFiles(run), "hello", console::add,
                        ProcessLauncher.SYSTEM, Duration.ofSeconds(5), watch)) {
            assertThat(unikernel.exit().get(60, TimeUnit.SECONDS)).isEqualTo(new Exited(0));
        }
        assertThat(console).anySatisfy(line -> assertThat(line).contains("Solo5"));
    }
}

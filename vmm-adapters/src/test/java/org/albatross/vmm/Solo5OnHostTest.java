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
import org.albatross.vmm.solo5.Solo5Target;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Solo5 unikernel through the solo5 adapter: Solo5's test_hello on solo5-spt. The project ships no Solo5
 * code or binaries, so this runs only where {@code SOLO5_DIR} names a Solo5 build (DEVELOPERS.md); the daemon's
 * end-to-end tests with real tenders are integration-tests' Solo5IT.
 */
class Solo5OnHostTest {
    @TempDir
    Path run;

    @Test
    void runsARealSolo5UnikernelToItsExit() throws Exception {
        Path solo5 = Path.of(System.getenv().getOrDefault("SOLO5_DIR", "/nonexistent"));
        Path imageFile = solo5.resolve("tests/test_hello/test_hello.spt");
        Path sptTender = solo5.resolve("tenders/spt/solo5-spt");
        assumeTrue(Files.isReadable(imageFile) && Files.isExecutable(sptTender), "skipped: set SOLO5_DIR to a built"
                + " Solo5 v0.12.1 tree (tenders/spt/solo5-spt, tests/test_hello/test_hello.spt); see DEVELOPERS.md");
        byte[] image = Files.readAllBytes(imageFile);
        Solo5Image solo5Image = Solo5Image.read(image);
        Tender tender = new TenderLocator(Optional.empty(), Map.of(Solo5Target.SPT, sptTender), run, List.of(),
                ProcessLauncher.SYSTEM).locate(Set.of(Solo5Target.SPT), Optional.empty())
                .tenderFor(solo5Image.abi());
        var config = Unikernels.config(Set.of(), Set.of(), Optional.empty(), false, Set.of(), 1);
        Solo5Adapter adapter = new Solo5Adapter(Solo5Target.SPT, tender);
        adapter.admit(Unikernels.image(image), config);
        LaunchPlan plan = adapter.plan(Name.parse("hello"), config,
                new HostResources(imageFile, run, Map.of(), Map.of()));
        List<String> console = new CopyOnWriteArrayList<>();

        OrphanReaper.watch(run);
        try (MonitorWatch watch = MonitorWatch.start();
                TenderProcess unikernel = TenderProcess.start(plan, prepared(run), "hello", console::add,
                        ProcessLauncher.SYSTEM, Duration.ofSeconds(5), watch)) {
            assertThat(unikernel.exit().get(60, TimeUnit.SECONDS)).isEqualTo(new Exited(0));
        }
        assertThat(console).contains("Hello, World");
    }

    private static RunDirectory prepared(Path root) throws java.io.IOException {
        RunDirectory run = RunRoot.open(root).directory("unikernel");
        run.prepare(ProcessLauncher.SYSTEM);
        return run;
    }
}

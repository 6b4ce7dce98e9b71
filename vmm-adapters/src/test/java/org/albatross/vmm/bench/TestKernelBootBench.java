package org.albatross.vmm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.HostPlatform;
import org.albatross.vmm.HostResources;
import org.albatross.vmm.LaunchPlan;
import org.albatross.vmm.ProcessLauncher;
import org.albatross.vmm.QemuAccelerator;
import org.albatross.vmm.QemuAdapter;
import org.albatross.vmm.RunDirectory;
import org.albatross.vmm.RunRoot;
import org.albatross.vmm.MonitorWatch;
import org.albatross.vmm.TenderProcess;
import org.albatross.vmm.TestKernel;

/**
 * Boots the test kernel ({@code lines=1 exit=3}) under QEMU/TCG N times through the adapter and the tender
 * process handle and N times as the bare qemu command, alternating, and prints both medians and their ratio.
 * Run: {@code mvn -B -ntp -pl vmm-adapters -am verify -DskipTests -Dbench=vmm-adapters [-Dboot.bench.runs=N]}.
 */
public final class TestKernelBootBench {
    private static final List<String> KERNEL_ARGUMENTS = List.of("lines=1", "exit=3");

    private TestKernelBootBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path qemu = Path.of(args.length > 1 ? args[1] : "/usr/bin/qemu-system-x86_64");
        Path run = Files.createTempDirectory("boot-bench");
        Path image = Files.write(run.resolve("test-kernel.elf"), TestKernel.bytes());
        UnikernelArguments config = new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(), false,
                Set.of(), 32, Set.of(), Set.of(), Optional.of(KERNEL_ARGUMENTS), 1, Optional.empty());
        LaunchPlan plan = new QemuAdapter(qemu, QemuAccelerator.TCG)
                .plan(Name.parse("bench"), config, new HostResources(image, run, Map.of(), Map.of()));
        List<String> raw = List.of(qemu.toString(), "-kernel", image.toString(), "-m", "32M", "-accel", "tcg",
                "-display", "none", "-serial", "stdio", "-no-reboot", "-nodefaults",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-append", String.join(" ", KERNEL_ARGUMENTS));

        MonitorWatch watch = MonitorWatch.start();
        bootThroughAdapter(plan, run, watch);
        bootRaw(raw);
        long[] adapter = new long[runs];
        long[] direct = new long[runs];
        for (int i = 0; i < runs; i++) {
            adapter[i] = bootThroughAdapter(plan, run, watch);
            direct[i] = bootRaw(raw);
        }
        watch.close();
        double adapterMs = median(adapter) / 1e6;
        double directMs = median(direct) / 1e6;
        System.out.printf("test kernel boot to exit, QEMU TCG, %d runs each, alternating%n", runs);
        System.out.printf("  through QemuAdapter + TenderProcess: median %.1f ms%n", adapterMs);
        System.out.printf("  raw qemu command:                    median %.1f ms%n", directMs);
        System.out.printf("  ratio adapter / raw:                 %.3f%n", adapterMs / directMs);
    }

    private static long bootThroughAdapter(LaunchPlan plan, Path run, MonitorWatch watch) throws Exception {
        List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunDirectory files = RunRoot.open(run).directory("boot");
        files.prepare(ProcessLauncher.SYSTEM);
        long start = System.nanoTime();
        try (TenderProcess kernel = TenderProcess.start(plan, files, "bench", console::add, ProcessLauncher.SYSTEM,
                Duration.ofSeconds(5), watch)) {
            ExitStatus status = kernel.exit().get();
            long elapsed = System.nanoTime() - start;
            require(status.equals(new ExitStatus.Exited(3)), "adapter boot ended with " + status + ": " + console);
            return elapsed;
        }
    }

    private static long bootRaw(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try (InputStream output = qemu.getInputStream()) {
            output.readAllBytes();
        }
        int status = qemu.waitFor();
        long elapsed = System.nanoTime() - start;
        require(status == (3 << 1 | 1), "raw boot ended with status " + status);
        return elapsed;
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    private static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}

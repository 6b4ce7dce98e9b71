package org.albatross.it.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.Stream;
import org.albatross.it.DaemonFiles;
import org.albatross.it.Streams;
import org.albatross.it.TestUnikernel;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.vmm.HostPlatform;
import org.albatross.vmm.HostResources;
import org.albatross.vmm.LaunchPlan;
import org.albatross.vmm.LaunchRefused;
import org.albatross.vmm.QemuAccelerator;
import org.albatross.vmm.QemuAdapter;
import org.albatross.vmm.TestKernel;

/**
 * The test kernel ({@code lines=1 exit=3}, QEMU TCG) created through a running daemon (a create request over the
 * Unix socket, then its first console line and its exit event as a client receives them) and, alternating, the
 * qemu command of the adapter's launch plan started directly (its first output line and its end).
 */
final class CreateToExitBench {
    private static final UnikernelConfig KERNEL = TestUnikernel.withArguments("lines=1", "exit=3").config();
    /** QEMU's status for the test kernel's {@code exit=3}: isa-debug-exit makes it {@code 3 << 1 | 1}. */
    private static final int RAW_EXIT_STATUS = 7;

    /** Both timings of one way of running the kernel. */
    record Timings(Samples firstLine, Samples exit) {
    }

    record Result(Timings daemon, Timings raw, List<String> rawCommand) {
    }

    private final DaemonFiles files;
    private final LaunchPlan plan;

    private CreateToExitBench(DaemonFiles files, LaunchPlan plan) {
        this.files = files;
        this.plan = plan;
    }

    /**
     * Runs both ways {@code runs} times each, alternating, after {@code warmUp} (at least one) of each, against a
     * running daemon.
     */
    static Result run(DaemonFiles files, Path scratch, Path qemu, int warmUp, int runs)
            throws IOException, InterruptedException, LaunchRefused {
        Path image = Files.write(scratch.resolve("test-kernel.elf"), TestKernel.bytes());
        LaunchPlan plan = new QemuAdapter(qemu, QemuAccelerator.TCG)
                .plan(Name.parse("raw"), KERNEL.runArguments(), new HostResources(image, scratch, Map.of(), Map.of()));
        return new CreateToExitBench(files, plan).alternate(Math.max(1, warmUp), runs);
    }

    private Result alternate(int warmUp, int runs) throws IOException, InterruptedException {
        long[][] daemon = new long[2][runs];
        long[][] raw = new long[2][runs];
        try (Stream events = LocalTransport.connect(files.socket()).open(new EventLogCommand.SubscribeCount(0),
                Name.ROOT)) {
            events.reply().success();
            for (int i = 0; i < warmUp; i++) {
                throughDaemon(events, "warm-up-" + i, new long[2][1], 0);
                direct(new long[2][1], 0);
            }
            for (int i = 0; i < runs; i++) {
                throughDaemon(events, "latency-" + i, daemon, i);
                direct(raw, i);
            }
        }
        return new Result(new Timings(new Samples(daemon[0]), new Samples(daemon[1])),
                new Timings(new Samples(raw[0]), new Samples(raw[1])), plan.command());
    }

    private void throughDaemon(Stream events, String label, long[][] into, int run) {
        Name name = Name.parse(label);
        try (Stream console = LocalTransport.connect(files.socket()).open(new ConsoleCommand.SubscribeCount(10),
                name)) {
            console.reply().success();
            long start = System.nanoTime();
            try (Session session = LocalTransport.connect(files.socket())) {
                session.request(new UnikernelCommand.Create(KERNEL), name).success();
            }
            Streams.readUntil(console, "the banner of " + label, Streams.consoleLine(TestUnikernel.BANNER));
            into[0][run] = System.nanoTime() - start;
            Streams.readUntil(events, "the exit of " + label, stopOf(name));
            into[1][run] = System.nanoTime() - start;
        }
    }

    private void direct(long[][] into, int run) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(plan.command()).redirectErrorStream(true)
                .redirectInput(Redirect.from(new File("/dev/null"))).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (into[0][run] == 0 && line.contains(TestUnikernel.BANNER)) {
                    into[0][run] = System.nanoTime() - start;
                }
            }
        }
        int status = qemu.waitFor();
        into[1][run] = System.nanoTime() - start;
        if (status != RAW_EXIT_STATUS || into[0][run] == 0) {
            throw new IllegalStateException("raw qemu " + plan.command() + " ended with status " + status
                    + (into[0][run] == 0 ? " without printing the banner" : ""));
        }
    }

    private static Predicate<Data> stopOf(Name name) {
        return data -> data instanceof Data.EventEntry entry && entry.event() instanceof Event.UnikernelStop stop
                && stop.name().equals(name);
    }
}

package org.albatross.it.bench;


import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;
import org.albatross.it.Streams;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.StandInTender;
import org.albatross.vmm.TestKernel;

/**
 * The launch path's figures of docs/performance.md, all with the shipped launcher (the unpacked tarball's
 * {@code bin/albatrossd}, its JVM options and class-data archive):
 * <ul>
 * <li>a Solo5 spt unikernel created through the daemon's socket (a raw request, no client JVM) to its exit event,
 * alternating with the same tender run directly on the same image: Solo5's test_hello and solo5-spt where
 * {@code SOLO5_DIR} names a build, else the stand-in tender the build compiles (the daemon's own overhead);</li>
 * <li>the cost of a state change (create, then destroy, of a unikernel with an 8 MiB image of its own) beside 0 and
 * beside 99 other unikernels of 8 MiB images, the daemon's memory idle and with 100, the state file's size, and cold
 * start to the first answered {@code info} with 100 unikernels in the state (their tenders adopted).</li>
 * </ul>
 * Arguments: latency runs, state-change runs per case, cold starts (0 skips a figure). Run:
 * {@code mvn -B -ntp -pl integration-tests -am verify -DskipTests -Dbench=integration-tests}, with
 * {@code -Ddaemon.bench.runs=0 -Ddaemon.bench.cold-runs=0 -Ddaemon.bench.stand-in-unikernels=none} for these figures
 * alone (see the bench profile in integration-tests/pom.xml).
 */
public final class LaunchBenchmarks {
    private static final int OTHERS = 99;
    private static final int IMAGE_BYTES = 8 * 1024 * 1024;
    private static final long MEMORY_MB = 16;
    private final Path scratch;
    private final List<String> table = new ArrayList<>();

    private LaunchBenchmarks(Path scratch) {
        this.scratch = scratch;
    }

    public static void main(String[] args) throws Exception {
        int latencyRuns = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int stateRuns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int coldStarts = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path scratch = Files.createTempDirectory("albatross-launch-bench");
        try {
            LaunchBenchmarks benchmarks = new LaunchBenchmarks(scratch);
            System.out.printf("shipped launcher: %s; load average before: %s%n", home(), load());
            if (latencyRuns > 0) {
                benchmarks.solo5CreateToExit(warmUp, latencyRuns);
            }
            if (stateRuns > 0) {
                benchmarks.stateChanges(stateRuns, coldStarts);
            }
            System.out.println();
            System.out.println("| figure | value |");
            System.out.println("|---|---|");
            benchmarks.table.forEach(System.out::println);
            System.out.printf("%nload average after: %s%n", load());
        } finally {
            DaemonBenchmarks.delete(scratch);
        }
    }

    /** The unpacked distribution {@code mvn package} made, as the bench profile names it. */
    private static Path home() {
        String home = System.getProperty("albatross.distribution.home");
        if (home == null) {
            throw new IllegalStateException("no albatross.distribution.home: run through the bench profile, after "
                    + "mvn package");
        }
        return Path.of(home);
    }

    /**
     * @param warmUp creates (and direct runs) before the measured ones: the daemon's JVM compiles (C1 only), with the
     *     shipped options (conf/albatrossd.jvm.options), the project's and Netty's methods after a few calls and the
     *     JDK's after a few hundred, on compiler threads that run at nice 19 until a tenth of a second after ready
     *     (for a daemon run by root); so the measured creates of a fresh daemon run partly interpreted while its
     *     compiler catches up, and after 300 its hot parts all run compiled, as in a daemon that creates all day
     */
    private void solo5CreateToExit(int warmUp, int runs) throws Exception {
        Path solo5 = Path.of(System.getenv().getOrDefault("SOLO5_DIR", "/nonexistent"));
        Path tender = solo5.resolve("tenders/spt/solo5-spt");
        Path image = solo5.resolve("tests/test_hello/test_hello.spt");
        String what;
        if (Files.isExecutable(tender) && Files.isReadable(image)) {
            what = "Solo5 test_hello.spt under solo5-spt (" + solo5 + ")";
        } else {
            Path directory = Files.createDirectories(scratch.resolve("stand-in"));
            tender = StandInTender.writeTo(directory.resolve("solo5-spt"));
            image = Files.write(directory.resolve("stand-in.spt"), StandInTender.image());
            what = "the stand-in solo5-spt (no SOLO5_DIR): the daemon's own overhead";
        }
        try (RuntimeTmpfs runtime = RuntimeTmpfs.create()) {
            System.out.printf("create -> exit event through the socket vs the tender run directly, %s, %d runs each "
                    + "after %d to warm up, alternating; the daemon's %s%n", what, runs, warmUp, runtime.where());
            solo5CreateToExit(runtime.holding(DaemonFiles.withSolo5(scratch.resolve("solo5"),
                    "hvt = false\nspt = true\nspt-tender = \"" + tender + "\"\n")), what, tender, image, warmUp, runs);
        }
    }

    /** The latency rows: {@code image} under {@code tender}, through the daemon of {@code files} and directly. */
    private void solo5CreateToExit(DaemonFiles files, String what, Path tender, Path image, int warmUp, int runs)
            throws Exception {
        UnikernelConfig config = new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(Files.readAllBytes(image)),
                arguments(32));
        List<String> direct = List.of(tender.toString(), "--mem=32", "--", image.toString());
        long[] daemon = new long[runs];
        long[] raw = new long[runs];
        CpuUse cpu;
        try (DaemonProcess running = DaemonProcess.startInstalled(files, home(), Map.of());
                org.albatross.client.transport.Stream events = LocalTransport.connect(files.socket())
                        .open(new EventLogCommand.SubscribeCount(0), Name.ROOT)) {
            events.reply().success();
            // The daemon runs C1 code only once a path has run often enough; a long-running daemon's creates do.
            for (int i = 0; i < warmUp; i++) {
                createToExit(files, events, config, "warm-up-" + i);
                runDirectly(direct);
            }
            cpu = CpuUse.during(running.handle(), () -> {
                for (int i = 0; i < runs; i++) {
                    daemon[i] = createToExit(files, events, config, "hello-" + i);
                    raw[i] = runDirectly(direct);
                }
            });
        }
        Samples throughDaemon = new Samples(daemon);
        Samples directly = new Samples(raw);
        row("Solo5 create -> exit event through the socket (" + what + ")", throughDaemon.toString());
        row("the same tender and image run directly", directly.toString());
        row("ratio daemon / direct: median; p90", "%.2f; %.2f".formatted(
                throughDaemon.medianMs() / directly.medianMs(), throughDaemon.p90Ms() / directly.p90Ms()));
        row("the daemon's overhead (median difference)", "%.1f ms".formatted(
                throughDaemon.medianMs() - directly.medianMs()));
        // Less touched than the times by a VM's drift from minute to minute: what the daemon's threads spent.
        row("the daemon's CPU per create: all its threads; the busiest", cpu.perEvent(runs, 4));
    }

    private static long createToExit(DaemonFiles files, org.albatross.client.transport.Stream events,
            UnikernelConfig config, String label) throws IOException {
        Name name = Name.parse(label);
        long start = System.nanoTime();
        try (Session session = LocalTransport.connect(files.socket())) {
            session.request(new UnikernelCommand.Create(config), name).success();
        }
        Streams.readUntil(events, "the exit of " + label, stopOf(name));
        return System.nanoTime() - start;
    }

    private static long runDirectly(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process tender = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(Redirect.from(new java.io.File("/dev/null"))).start();
        try (InputStream output = tender.getInputStream()) {
            output.transferTo(java.io.OutputStream.nullOutputStream());
        }
        int status = tender.waitFor();
        long elapsed = System.nanoTime() - start;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
        }
        return elapsed;
    }

    /**
     * Create and destroy of one unikernel with a fresh 8 MiB image (so that each create stores its image) beside 0 and
     * beside 99 others, each others' image 8 MiB of its own; the VMM is a stand-in that sleeps, so that 100 fit.
     */
    private void stateChanges(int runs, int coldStarts) throws Exception {
        Path directory = Files.createDirectories(scratch.resolve("state"));
        Path standIn = Files.writeString(directory.resolve("stand-in-qemu"),
                "#!/bin/sh\necho 'albatross test kernel (stand-in)'\nexec sleep 2147483647\n");
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        DaemonFiles files = DaemonFiles.createUnder(directory.resolve("daemon"));
        String[] qemu = {"--set", "adapters.qemu.binary=" + standIn};
        Random images = new Random(42);
        System.out.printf("state changes: create and destroy of a unikernel with its own %d MiB image, %d runs "
                + "beside 0 and beside %d others (stand-in VMMs)%n", IMAGE_BYTES >> 20, runs, OTHERS);
        try (DaemonProcess daemon = DaemonProcess.startInstalled(files, home(), Map.of(), qemu)) {
            long idleKib = ProcessStatus.settledKib(daemon.handle());
            String idleParts = ProcessStatus.rssParts(daemon.handle());
            Samples[] alone = changes(files, images, runs);
            create(files, Name.parse("other-1"), image(images));
            long stateAlone = Files.size(files.dbdir().resolve("state"));
            for (int i = 2; i <= OTHERS; i++) {
                create(files, Name.parse("other-" + i), image(images));
            }
            long hundredKib = ProcessStatus.settledKib(daemon.handle());
            String hundredParts = ProcessStatus.rssParts(daemon.handle());
            Samples[] beside = changes(files, images, runs);
            create(files, Name.parse("other-0"), image(images));
            long stateHundred = Files.size(files.dbdir().resolve("state"));
            row("create, beside 0 unikernels", alone[0].toString());
            row("create, beside " + OTHERS + " unikernels", beside[0].toString());
            row("destroy, beside 0 unikernels", alone[1].toString());
            row("destroy, beside " + OTHERS + " unikernels", beside[1].toString());
            row("ratio beside " + OTHERS + " / beside 0 (medians): create; destroy", "%.2f; %.2f".formatted(
                    beside[0].medianMs() / alone[0].medianMs(), beside[1].medianMs() / alone[1].medianMs()));
            row("daemon RSS: idle; with 100 unikernels of 8 MiB images", "%s (%s); %s (+%s; %s)".formatted(
                    ProcessStatus.mib(idleKib), idleParts, ProcessStatus.mib(hundredKib),
                    ProcessStatus.mib(hundredKib - idleKib), hundredParts));
            row("state file: 1 unikernel; 100 unikernels", "%d bytes; %d bytes".formatted(stateAlone, stateHundred));
            if (coldStarts > 0) {
                daemon.crash();
                row("cold start to the first info answered, 100 unikernels in the state (adopted)",
                        coldStarts(files, qemu, coldStarts).toString());
            }
        }
    }

    /** {@code runs} creates and destroys of one unikernel; [0] the creates, [1] the destroys, request to reply. */
    private static Samples[] changes(DaemonFiles files, Random images, int runs) throws IOException {
        long[] creates = new long[runs];
        long[] destroys = new long[runs];
        Name name = Name.parse("measured");
        for (int i = 0; i < runs; i++) {
            UnikernelConfig config = image(images);
            long start = System.nanoTime();
            create(files, name, config);
            creates[i] = System.nanoTime() - start;
            start = System.nanoTime();
            try (Session session = LocalTransport.connect(files.socket())) {
                session.request(new UnikernelCommand.Destroy(), name).success();
            }
            destroys[i] = System.nanoTime() - start;
        }
        return new Samples[] {new Samples(creates), new Samples(destroys)};
    }

    private static Samples coldStarts(DaemonFiles files, String[] qemu, int runs) throws Exception {
        long[] ready = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try (DaemonProcess daemon = DaemonProcess.launchInstalled(files, home(), Map.of(), qemu)) {
                daemon.awaitReady(DaemonProcess.BENCH_POLL);
                int listed;
                try (Session session = LocalTransport.connect(files.socket())) {
                    listed = ((Success.UnikernelInfos) session.request(new UnikernelCommand.Info(), Name.ROOT)
                            .success()).unikernels().size();
                }
                ready[i] = System.nanoTime() - start;
                if (listed != OTHERS + 1) {
                    throw new IllegalStateException("the restarted daemon lists " + listed + " unikernels");
                }
                if (i < runs - 1) {
                    daemon.crash();
                }
            }
        }
        return new Samples(ready);
    }

    private static void create(DaemonFiles files, Name name, UnikernelConfig config) throws IOException {
        try (Session session = LocalTransport.connect(files.socket())) {
            session.request(new UnikernelCommand.Create(config), name).success();
        }
    }

    /** The test kernel followed by random bytes up to 8 MiB: an image of its own, which QEMU would boot alike. */
    private static UnikernelConfig image(Random random) {
        byte[] kernel = TestKernel.bytes();
        byte[] image = new byte[IMAGE_BYTES];
        random.nextBytes(image);
        System.arraycopy(kernel, 0, image, 0, kernel.length);
        return new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(image), arguments(MEMORY_MB));
    }

    private static UnikernelArguments arguments(long memoryMb) {
        return new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(), false, Set.of(), memoryMb, Set.of(),
                Set.of(), Optional.of(List.of("lines=1", "forever")), 1, Optional.empty());
    }

    private static Predicate<Data> stopOf(Name name) {
        return data -> data instanceof Data.EventEntry entry && entry.event() instanceof Event.UnikernelStop stop
                && stop.name().equals(name);
    }

    private void row(String figure, String value) {
        String line = "| " + figure + " | " + value + " |";
        System.out.println("  " + line);
        table.add(line);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }
}

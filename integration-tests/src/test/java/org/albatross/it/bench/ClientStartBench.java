package org.albatross.it.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.it.DaemonFiles;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelCommand;

/**
 * albatross-client's start as a user meets it, from the tarball {@code mvn package} made: {@code info} over the local
 * socket of a running albatrossd and {@code --socket - console foo} (no daemon), each beside {@code /bin/true} and
 * the daemon's own reply time (a request over the socket from this warm JVM), with the composition of a client run:
 * the launcher script alone (its {@code java} a script that does nothing), a JVM that prints hello with the client's
 * flags, the client without its class-data archive. Every variant runs once per round, rounds interleaved, so that a
 * busy machine slows them alike; the figures are wall-clock medians and p90 and the CPU time (user + system, the
 * launcher's own processes included) per run. Arguments: the tarball, the number of rounds.
 * Run: {@code mvn -B -ntp -pl integration-tests -am verify -DskipTests -Dbench=client-start}.
 */
public final class ClientStartBench {
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration RUN_WITHIN = Duration.ofSeconds(120);
    private static final int WARM_UP_ROUNDS = 2;
    /** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** One command line to time, with the environment it runs in. */
    private record Variant(String name, List<String> command, Map<String, String> environment) {
    }

    private ClientStartBench() {
    }

    public static void main(String[] args) throws Exception {
        Path tarball = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path scratch = Files.createTempDirectory("albatross-client-bench");
        Process daemon = null;
        try {
            Path home = unpack(tarball, scratch);
            DaemonFiles files = DaemonFiles.createUnder(scratch.resolve("daemon"));
            daemon = startDaemon(home, files);
            String client = home.resolve("bin/albatross-client").toString();
            String socket = files.socket().toString();
            Map<String, String> withArchive = Map.of("XDG_CACHE_HOME", scratch.resolve("cache").toString());
            // a cache directory that cannot be made: the launcher runs the client without an archive
            Map<String, String> withoutArchive = Map.of("XDG_CACHE_HOME", "/dev/null/cache");
            System.out.printf("tarball %s, %d rounds, load average %s%n", tarball, rounds, loadAverage());
            System.out.printf("first use (runs info, then makes the class-data archive): %.2f s wall%n",
                    runOnce(new Variant("first use", List.of(client, "info", "--socket", socket), withArchive))
                            / 1e9);

            List<Variant> variants = List.of(
                    new Variant("/bin/true", List.of("/bin/true"), Map.of()),
                    new Variant("launcher script alone (java does nothing)", List.of(client, "info", "--socket",
                            socket), idleJava(scratch, withArchive)),
                    new Variant("JVM hello world, the client's flags", helloWorld(home), Map.of()),
                    new Variant("albatross-client info, no archive", List.of(client, "info", "--socket", socket),
                            withoutArchive),
                    new Variant("albatross-client info", List.of(client, "info", "--socket", socket), withArchive),
                    new Variant("albatross-client --socket - console foo, no archive", List.of(client, "--socket",
                            "-", "console", "foo"), withoutArchive),
                    new Variant("albatross-client --socket - console foo", List.of(client, "--socket", "-",
                            "console", "foo"), withArchive));
            Map<String, long[]> wall = new LinkedHashMap<>();
            Map<String, Long> cpuTicks = new HashMap<>();
            long[] reply = new long[rounds];
            variants.forEach(variant -> wall.put(variant.name(), new long[rounds]));
            for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                for (Variant variant : variants) {
                    long ticksBefore = childrenCpuTicks();
                    long nanos = runOnce(variant);
                    if (round >= 0) {
                        wall.get(variant.name())[round] = nanos;
                        cpuTicks.merge(variant.name(), childrenCpuTicks() - ticksBefore, Long::sum);
                    }
                }
                long nanos = daemonReply(files.socket());
                if (round >= 0) {
                    reply[round] = nanos;
                }
            }

            System.out.printf("load average after: %s%n%n", loadAverage());
            System.out.println("| run | wall median | wall p90 | CPU per run |");
            System.out.println("|---|---|---|---|");
            wall.forEach((name, nanos) -> {
                Samples samples = new Samples(nanos);
                System.out.printf("| %s | %.1f ms | %.1f ms | %.0f ms |%n", name, samples.medianMs(), samples.p90Ms(),
                        cpuTicks.get(name) * 1000 / TICKS_PER_SECOND / rounds);
            });
            Samples replies = new Samples(reply);
            System.out.printf("| daemon's reply to info (connect, request, reply; from a warm JVM) | %.2f ms | %.2f ms"
                    + " | - |%n", replies.medianMs(), replies.p90Ms());
        } finally {
            if (daemon != null) {
                daemon.destroy();
                daemon.waitFor(30, TimeUnit.SECONDS);
            }
            DaemonBenchmarks.delete(scratch);
        }
    }

    private static Path unpack(Path tarball, Path scratch) throws IOException, InterruptedException {
        Path into = Files.createDirectories(scratch.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar -xzf " + tarball + " failed");
        }
        try (Stream<Path> entries = Files.list(into)) {
            return entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** The tarball's albatrossd as shipped, over {@code files}; returns once its socket accepts connections. */
    private static Process startDaemon(Path home, DaemonFiles files) throws IOException {
        Process daemon = new ProcessBuilder(home.resolve("bin/albatrossd").toString(), "--config",
                files.config().toString()).redirectErrorStream(true).redirectOutput(files.log().toFile()).start();
        await("albatrossd accepts connections").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(50))
                .failFast("albatrossd exited", () -> !daemon.isAlive())
                .until(() -> {
                    try (Session session = LocalTransport.connect(files.socket())) {
                        return true;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
        return daemon;
    }

    /**
     * An installation whose java is a shell script that does nothing but what the launcher needs of it (write the
     * archive file it is asked to dump), so that a run times the launcher script alone, its class-data checks
     * included.
     */
    private static Map<String, String> idleJava(Path scratch, Map<String, String> environment) throws IOException {
        Path javaHome = Files.createDirectories(scratch.resolve("idle-java/bin")).getParent();
        Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"17.0.0\"\n");
        Path java = Files.writeString(javaHome.resolve("bin/java"), """
                #!/bin/sh
                for argument; do
                  case $argument in -XX:SharedArchiveFile=*) archive=${argument#*=} ;; -Xshare:dump) dump=1 ;; esac
                done
                [ -z "$dump" ] || : > "$archive"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> idle = new HashMap<>(environment);
        idle.put("JAVA_HOME", javaHome.toString());
        return idle;
    }

    /** {@link Hello} in a JVM with the options of the tarball's conf/albatross-client.jvm.options. */
    private static List<String> helloWorld(Path home) throws IOException, URISyntaxException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        Files.readAllLines(home.resolve("conf/albatross-client.jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(command::add);
        command.addAll(List.of("-cp", Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString(), Hello.class.getName()));
        return command;
    }

    private static long runOnce(Variant variant) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(variant.command()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(variant.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(RUN_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(variant.name() + " did not end within " + RUN_WITHIN);
        }
        long nanos = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(variant.name() + " exited " + process.exitValue());
        }
        return nanos;
    }

    /** Connect, {@code info}, reply: what the daemon takes to answer, without any process start. */
    private static long daemonReply(Path socket) {
        long start = System.nanoTime();
        try (Session session = LocalTransport.connect(socket)) {
            session.request(new UnikernelCommand.Info(), Name.ROOT).success();
        }
        return System.nanoTime() - start;
    }

    /** User and system time of this JVM's waited-for children (cutime + cstime of /proc/self/stat), in ticks. */
    private static long childrenCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields from the state on: state is field 3 of the file, cutime and cstime are 16 and 17
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}

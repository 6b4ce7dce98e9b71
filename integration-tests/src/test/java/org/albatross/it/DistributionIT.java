package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.albatross.daemon.endpoint.activation.InheritedSockets;
import org.albatross.vmm.ProcStat;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball {@code mvn package} makes (distribution/target/albatross-VERSION.tar.gz, its path in the system property
 * {@code albatross.distribution}), unpacked into an empty directory and used as an operator would: the launchers from
 * elsewhere and through symbolic links, their messages about Java, and the shipped configuration file.
 */
class DistributionIT {
    private static final Duration WITHIN = Duration.ofMinutes(3);
    /** The largest image a local create carries: a frame (16 MiB) less room for the rest of the command. */
    private static final int LARGEST_IMAGE = 16 * 1024 * 1024 - 4096;
    /** How far above its idle size the daemon may stay once the create's memory is garbage and collected. */
    private static final long GIVEN_BACK_WITHIN_KIB = 24 * 1024;
    private static final Pattern TABLE = Pattern.compile("^\\[([a-z0-9.-]+)]$");
    private static final Pattern COMMENTED_KEY = Pattern.compile("^#([a-z][a-z0-9-]*) = (.+)$");
    /** A line of a systemd unit that sets something ({@code Key=value}); comments and section headers are not. */
    private static final Pattern UNIT_SETTING = Pattern.compile("^([A-Za-z]+)=(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    /** A thread's nice value in /proc/PID/stat, the field proc(5) numbers 19. */
    private static final int NICE_FIELD = 19;
    /** A line of --print-config: "key = value", or "# key is not set". */
    private static final Pattern EFFECTIVE_KEY = Pattern.compile("^(?:# )?([a-z][a-z0-9-]*)(?: = (.+)| is not set)$");

    @TempDir
    static Path unpacked;

    static Path home;

    @TempDir
    Path elsewhere;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("albatross.distribution"));
        ShellCommand.Result untar =
                ShellCommand.in(unpacked, "tar", "-xzf", tarball.toString()).run(WITHIN);
        assertThat(untar.exit()).as("tar -xzf %s: %s", tarball, untar).isZero();
        try (var entries = Files.list(unpacked)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void theTarballHoldsLaunchersJarsConfigurationAndServiceFiles() {
        for (String file : new String[] {"bin/albatrossd", "bin/albatross-client", "lib/launch.sh", "lib/class-data.sh",
                "conf/albatrossd.toml", "conf/albatrossd.jvm.options",
                "conf/albatross-client.jvm.options", "systemd/albatrossd.service", "systemd/albatrossd.socket",
                "systemd/albatrossd-tls.socket", "freebsd/albatrossd",
                "share/test-kernel.elf", "lib/native/libalbatross-sha256.so"}) {
            assertThat(home.resolve(file)).as(file).isRegularFile();
        }
        assertThat(home.resolve("bin/albatrossd")).isExecutable();
        assertThat(home.resolve("bin/albatross-client")).isExecutable();
        assertThat(home.resolve("freebsd/albatrossd")).isExecutable();
        assertThat(home.resolve("lib").toFile().list((dir, name) -> name.startsWith("daemon-")
                || name.startsWith("client-") || name.startsWith("netty-transport-native-epoll"))).hasSize(3);
    }

    @Test
    void clientHelpWorksFromAnyDirectory() throws Exception {
        ShellCommand.Result help = client("--help").with("XDG_CACHE_HOME", elsewhere.resolve("cache").toString())
                .run(WITHIN);

        assertThat(help.exit()).as("%s", help).isZero();
        assertThat(help.out()).startsWith("Usage: albatross-client").contains("create").contains("certificate");
        assertThat(help.err()).as("no SLF4J or JVM chatter").isEmpty();
    }

    /** What the client prints for {@code --socket - console foo}: albatross's own wire1.hex, no daemon needed. */
    private static final String CONSOLE_FOO = "30 20 30 13 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 04 3a 66 6f 6f a0 09"
            + " a0 07 a2 05 a1 03 02 01 14\n";

    @Test
    void theClientMakesItsClassDataArchiveOnFirstUseAndMapsItFromThenOn() throws Exception {
        Path cache = elsewhere.resolve("cache");
        Path loaded = elsewhere.resolve("loaded.txt");

        ShellCommand.Result first = printConsoleFoo(cache).run(WITHIN);
        List<Path> made = files(cache.resolve("albatross"));
        // JDK_JAVA_OPTIONS, not JAVA_OPTS: the archive's name holds the JVM options, so JAVA_OPTS would make another.
        String logged = "-Xlog:class+load:file=" + loaded;
        // and with a cksum that fails first on PATH: the archive's name comes from its key file, not from cksum
        Path failing = Files.createDirectories(elsewhere.resolve("failing"));
        Files.writeString(failing.resolve("cksum"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(failing.resolve("cksum"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ShellCommand.Result second = printConsoleFoo(cache).with("JDK_JAVA_OPTIONS", logged)
                .with("PATH", failing + ":" + System.getenv("PATH")).run(WITHIN);

        assertThat(first).isEqualTo(new ShellCommand.Result(0, CONSOLE_FOO, ""));
        assertThat(made).as("one archive and its key, no list or half-made archive left")
                .satisfiesExactly(archive -> assertThat(archive.getFileName().toString()).endsWith(".jsa"),
                        key -> assertThat(key.getFileName()).hasToString("albatross-client.key"));
        assertThat(second).isEqualTo(new ShellCommand.Result(0, CONSOLE_FOO,
                "NOTE: Picked up JDK_JAVA_OPTIONS: " + logged + "\n"));
        assertThat(files(cache.resolve("albatross"))).isEqualTo(made);
        assertThat(Files.readString(loaded)).contains("org.albatross.client.AlbatrossClient source: shared objects file");
    }

    @Test
    void aRemoteCommandKeepsAnArchiveOfItsOwnThatLocalCommandsDoNotMap() throws Exception {
        Path cache = elsewhere.resolve("cache");
        Path root = elsewhere.resolve("remote");
        Path pki = RemoteHost.provisionRoot(root);
        RemoteHost.delegate(pki, "a", "--unikernels", "1", "--mem", "32", "--cpus", "0");
        ShellCommand.Result remote;
        try (RemoteHost host = RemoteHost.serve(root, "")) {
            remote = client(host.remote("a", "info")).with("XDG_CACHE_HOME", cache.toString()).run(WITHIN);
        }
        ShellCommand.Result local = printConsoleFoo(cache).run(WITHIN);
        List<Path> made = files(cache.resolve("albatross"));

        assertThat(remote.exit()).as("%s", remote).isZero();
        assertThat(local).isEqualTo(new ShellCommand.Result(0, CONSOLE_FOO, ""));
        assertThat(made).map(file -> file.getFileName().toString().replaceAll("-[0-9]+\\.jsa$", "-SUM.jsa"))
                .containsExactlyInAnyOrder("albatross-client-SUM.jsa", "albatross-client.key",
                        "albatross-client-remote-SUM.jsa", "albatross-client-remote.key");
        Path remoteArchive = archiveOf(made, true);
        Path localArchive = archiveOf(made, false);
        assertThat(holdsNetty(remoteArchive)).as("%s holds Netty's classes", remoteArchive).isTrue();
        assertThat(holdsNetty(localArchive)).as("%s holds Netty's classes", localArchive).isFalse();
    }

    @Test
    void theCacheKeepsTheArchivesOfEachKindMadeInTheLastThirtyDays() throws Exception {
        Path cache = elsewhere.resolve("cache");
        Path archives = Files.createDirectories(cache.resolve("albatross"));
        Instant now = Instant.now();
        // archives that other installations, Javas or JAVA_OPTS made
        Map<String, Duration> made = Map.of("albatross-client-1.jsa", Duration.ofDays(40),
                "albatross-client-2.jsa", Duration.ofDays(32), "albatross-client-3.jsa", Duration.ofDays(29),
                "albatross-client-remote-4.jsa", Duration.ofDays(40));
        for (Map.Entry<String, Duration> archive : made.entrySet()) {
            Files.setLastModifiedTime(Files.writeString(archives.resolve(archive.getKey()), "made elsewhere"),
                    FileTime.from(now.minus(archive.getValue())));
        }

        ShellCommand.Result first = printConsoleFoo(cache).run(WITHIN);

        assertThat(first).isEqualTo(new ShellCommand.Result(0, CONSOLE_FOO, ""));
        assertThat(files(archives)).as("the one made, its key, the local one of 29 days, the remote one")
                .hasSize(4).contains(archives.resolve("albatross-client-3.jsa"),
                        archives.resolve("albatross-client.key"), archives.resolve("albatross-client-remote-4.jsa"));
    }

    @Test
    void anArchiveThatCannotBeMadeOrIsDamagedChangesNothingAndPrintsNothing() throws Exception {
        Path cache = elsewhere.resolve("cache");
        ShellCommand.Result expected = new ShellCommand.Result(0, CONSOLE_FOO, "");

        ShellCommand.Result unwritable = printConsoleFoo(Path.of("/dev/null/cache")).run(WITHIN);
        printConsoleFoo(cache).run(WITHIN);
        Path archive = archive(cache);
        Files.delete(archive);
        byte[] garbage = new byte[1 << 20];
        new Random(1).nextBytes(garbage);
        Files.write(archive, garbage);
        ShellCommand.Result damaged = printConsoleFoo(cache).run(WITHIN);

        assertThat(unwritable).isEqualTo(expected);
        assertThat(damaged).isEqualTo(expected);
    }

    @Test
    void aJarNewerThanTheArchiveHasItMadeAgain() throws Exception {
        Path cache = elsewhere.resolve("cache");
        printConsoleFoo(cache).run(WITHIN);
        Path archive = archive(cache);
        Path jar = files(home.resolve("lib")).stream().filter(file -> file.getFileName().toString()
                .startsWith("picocli-")).findFirst().orElseThrow();
        // Upgraded now, the archive a minute before: not a time ahead, which a quick remake would not pass.
        FileTime upgraded = FileTime.from(Instant.now());
        Files.setLastModifiedTime(jar, upgraded);
        Files.setLastModifiedTime(archive, FileTime.from(upgraded.toInstant().minusSeconds(60)));

        ShellCommand.Result after = printConsoleFoo(cache).run(WITHIN);

        assertThat(after.exit()).as("%s", after).isZero();
        assertThat(archive(cache)).isEqualTo(archive);
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(upgraded);
    }

    @Test
    void twoFirstUsesAtOnceLeaveOneWholeArchive() throws Exception {
        Path cache = elsewhere.resolve("cache");
        ShellCommand.Started one = printConsoleFoo(cache).start();
        ShellCommand.Started other = printConsoleFoo(cache).start();

        ShellCommand.Result first = one.awaitExit(WITHIN);
        ShellCommand.Result second = other.awaitExit(WITHIN);
        List<Path> made = files(cache.resolve("albatross"));
        ShellCommand.Result after = printConsoleFoo(cache).run(WITHIN);

        assertThat(List.of(first, second, after)).containsOnly(new ShellCommand.Result(0, CONSOLE_FOO, ""));
        assertThat(made).as("one archive and its key, no half-made one left")
                .satisfiesExactly(archive -> assertThat(archive.getFileName().toString()).endsWith(".jsa"),
                        key -> assertThat(key.getFileName()).hasToString("albatross-client.key"));
    }

    @Test
    void aFirstUseThatFailsMakesNoArchiveAndLeavesNothing() throws Exception {
        Path cache = elsewhere.resolve("cache");

        ShellCommand.Result failed = client("info", "--socket", elsewhere.resolve("no.sock").toString())
                .with("XDG_CACHE_HOME", cache.toString()).run(WITHIN);

        assertThat(failed.exit()).isEqualTo(122);
        assertThat(failed.err()).startsWith("albatross-client: cannot connect to");
        assertThat(files(cache.resolve("albatross"))).isEmpty();
    }

    private static Path archiveOf(List<Path> files, boolean remote) {
        return files.stream().filter(file -> file.getFileName().toString().endsWith(".jsa")
                && file.getFileName().toString().startsWith("albatross-client-remote-") == remote)
                .findFirst().orElseThrow();
    }

    /** Whether a class-data archive names a class of Netty's (its symbols are stored as text). */
    private static boolean holdsNetty(Path archive) throws IOException {
        return new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1)
                .contains("io/netty/");
    }

    private ShellCommand client(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = home.resolve("bin/albatross-client").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return ShellCommand.in(elsewhere, command);
    }

    private ShellCommand printConsoleFoo(Path cache) {
        return client("--socket", "-", "console", "foo").with("XDG_CACHE_HOME", cache.toString());
    }

    /** The client's one archive in {@code cache}. */
    private static Path archive(Path cache) throws IOException {
        List<Path> archives = files(cache.resolve("albatross")).stream()
                .filter(file -> file.toString().endsWith(".jsa")).toList();
        assertThat(archives).as("the client's archives").hasSize(1);
        return archives.get(0);
    }

    private static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    @Test
    void theDaemonMakesItsClassDataArchiveOnceMapsItAndMakesItAgainAfterAJarIsUpgraded() throws Exception {
        for (Path old : daemonArchives()) {
            Files.delete(old);
        }
        DaemonFiles files = DaemonFiles.createUnder(elsewhere.resolve("daemon"));

        List<String> first = archivesMappedByADaemon(files);
        List<Path> made = daemonArchives();
        FileTime madeAt = Files.getLastModifiedTime(made.get(0));
        List<String> second = archivesMappedByADaemon(files);
        FileTime keptAt = Files.getLastModifiedTime(made.get(0));
        Path jar = files(home.resolve("lib")).stream().filter(file -> file.getFileName().toString()
                .startsWith("daemon-")).findFirst().orElseThrow();
        FileTime upgraded = FileTime.from(madeAt.toInstant().plusSeconds(1));
        Files.setLastModifiedTime(jar, upgraded);
        List<String> third = archivesMappedByADaemon(files);

        assertThat(made).as("one whole archive, nothing half-made beside it").singleElement().satisfies(
                archive -> assertThat(archive.getFileName().toString()).matches("albatrossd-\\d+\\.jsa"));
        assertThat(first).as("the first start maps what its training run made")
                .containsExactly(made.get(0).toString());
        assertThat(archivedClasses(made.get(0))).as("the training's listed run adopted the unikernel its first run "
                + "left running: the classes that read its run directory and tell its process apart are archived")
                .contains(" org.albatross.vmm.RunDirectory ", " org.albatross.vmm.TenderIdentity ");
        assertThat(second).isEqualTo(first);
        assertThat(keptAt).as("trusted, not made again").isEqualTo(madeAt);
        assertThat(third).isEqualTo(first);
        assertThat(daemonArchives()).isEqualTo(made);
        assertThat(Files.getLastModifiedTime(made.get(0))).as("made again after the upgrade").isGreaterThan(upgraded);
    }

    /**
     * Run by root, the shipped launcher starts the daemon with HotSpot's compiler threads at the lowest priority (the
     * start's compiles wait for its main threads), which the daemon puts back to the normal priority soon after ready;
     * no thread is ever raised above a tenant's, though the priority policy would raise Netty's event loops (Java's
     * highest priority).
     */
    @Test
    void theDaemonRunByRootStartsWithItsCompilerAtTheLowestPriorityAndRaisesNoThread() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "the launcher sets threads' priorities for root only (HotSpot warns any other user)");
        DaemonFiles files = DaemonFiles.createUnder(elsewhere.resolve("daemon"));
        List<String> arguments;
        List<String> threads;
        try (DaemonProcess daemon = DaemonProcess.startInstalled(files, home, Map.of())) {
            long pid = daemon.handle().pid();
            arguments = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
            // The first compiler thread, which HotSpot keeps (it adds more for a burst of compiles, at nice 19).
            Awaitility.await().atMost(WITHIN).until(() -> threadsWithTheirNice(pid).stream()
                    .filter(thread -> thread.startsWith("C1 ")).findFirst().orElseThrow().endsWith(": 0"));
            threads = threadsWithTheirNice(pid);
            daemon.terminate();
        }

        assertThat(arguments).contains("-XX:ThreadPriorityPolicy=1", "-XX:CompilerThreadPriority=19",
                "-XX:JavaPriority10_To_OSPriority=0");
        assertThat(threads).as("threads: nice").contains("C1 CompilerThre: 0", "albatross-state: 0")
                .noneMatch(thread -> thread.contains(": -"));
    }

    /**
     * Each thread of process {@code pid} that runs as "name: nice", in the order they were started, the name as the
     * kernel keeps it (15 characters).
     */
    private static List<String> threadsWithTheirNice(long pid) throws IOException {
        List<String> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.sorted(Comparator.comparingLong(id -> Long.parseLong(id.getFileName().toString())))
                    .toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                threads.add(ProcStat.name(stat).orElseThrow() + ": "
                        + ProcStat.field(stat, NICE_FIELD).orElseThrow());
            }
        }
        return threads;
    }

    /** The classes in {@code archive}, as the Java the launcher finds lists them. */
    private static String archivedClasses(Path archive) throws IOException, InterruptedException {
        String java = Optional.ofNullable(System.getenv("JAVA_HOME")).map(javaHome -> javaHome + "/bin/java")
                .orElse("java");
        ShellCommand.Result listed = ShellCommand.in(home, java, "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-cp", home.resolve("lib") + "/*").run(WITHIN);
        assertThat(listed.exit()).as("%s", listed).isZero();
        return listed.out();
    }

    /** The daemon's archives in lib/, made by its launcher. */
    private static List<Path> daemonArchives() throws IOException {
        return files(home.resolve("lib")).stream().filter(file -> file.getFileName().toString()
                .startsWith("albatrossd-")).toList();
    }

    /** Starts the shipped daemon over {@code files} and stops it: the archives of lib/ its JVM mapped once ready. */
    private static List<String> archivesMappedByADaemon(DaemonFiles files) throws IOException {
        try (DaemonProcess daemon = DaemonProcess.startInstalled(files, home, Map.of())) {
            List<String> mapped = Files.readAllLines(Path.of("/proc", Long.toString(daemon.handle().pid()), "maps"))
                    .stream().map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.startsWith(home.resolve("lib").toString()) && file.endsWith(".jsa"))
                    .distinct().toList();
            daemon.terminate();
            return mapped;
        }
    }

    @Test
    void daemonPrintsItsConfigurationThroughASymlinkToASymlink() throws Exception {
        // Beside the distribution, so that the links go with it when the test ends.
        Path links = Files.createDirectories(unpacked.resolve("links/usr/bin"));
        Path first = Files.createSymbolicLink(unpacked.resolve("links/albatrossd"), home.resolve("bin/albatrossd"));
        Path second = Files.createSymbolicLink(links.resolve("albatrossd"), Path.of("../../albatrossd"));

        ShellCommand.Result printed = ShellCommand.in(elsewhere, second.toString(), "--print-config",
                "--dbdir", "/srv/albatross").run(WITHIN);

        assertThat(Files.isSymbolicLink(first) && Files.isSymbolicLink(second)).isTrue();
        assertThat(printed.exit()).as("%s", printed).isZero();
        assertThat(printed.out()).contains("dbdir = \"/srv/albatross\"").contains("[adapters.qemu]");
        assertThat(printed.err()).isEmpty();
    }

    @Test
    void theShippedConfigurationChangesNothing() throws Exception {
        ShellCommand.Result defaults = printConfig();
        ShellCommand.Result shipped = printConfig("--config", home.resolve("conf/albatrossd.toml").toString());

        assertThat(shipped.exit()).as("%s", shipped).isZero();
        assertThat(shipped.out()).isEqualTo(defaults.out());
    }

    /** conf/albatrossd.toml cannot drift from the daemon's keys: each is there, commented, with its default. */
    @Test
    void theShippedConfigurationListsEveryKeyWithItsDefault() throws Exception {
        Map<String, Optional<String>> effective = keys(printConfig().out(), EFFECTIVE_KEY);
        Map<String, Optional<String>> shipped =
                keys(Files.readString(home.resolve("conf/albatrossd.toml")), COMMENTED_KEY);

        assertThat(shipped.keySet()).containsExactlyElementsOf(effective.keySet());
        effective.forEach((key, value) -> value.ifPresent(
                defaultValue -> assertThat(shipped.get(key)).as(key).contains(defaultValue)));
    }

    /**
     * The systemd units pass the sockets the shipped configuration serves, under the names the daemon knows them by,
     * and the service waits for the local one and insists on it.
     */
    @Test
    void theSocketUnitsPassWhatTheShippedConfigurationServesAndTheServiceRequiresThem() throws Exception {
        Map<String, Optional<String>> effective = keys(printConfig().out(), EFFECTIVE_KEY);
        Map<String, Optional<String>> shipped =
                keys(Files.readString(home.resolve("conf/albatrossd.toml")), COMMENTED_KEY);
        Map<String, List<String>> local = unit("albatrossd.socket");
        Map<String, List<String>> tls = unit("albatrossd-tls.socket");
        Map<String, List<String>> service = unit("albatrossd.service");

        assertThat(local.get("ListenStream")).containsExactly(quoted(effective.get("socket.path")));
        assertThat(local.get("SocketMode")).containsExactly(quoted(effective.get("socket.mode")));
        assertThat(local.get("FileDescriptorName")).containsExactly(InheritedSockets.LOCAL_NAME);
        assertThat(tls.get("ListenStream")).containsExactly(quoted(shipped.get("tls.listen")));
        assertThat(tls.get("FileDescriptorName")).containsExactly(InheritedSockets.TLS_NAME);
        assertThat(tls.get("Service")).containsExactly("albatrossd.service");
        assertThat(service.get("Requires")).containsExactly("albatrossd.socket");
        assertThat(service.get("After").get(0).split(" ")).contains("albatrossd.socket");
        assertThat(service.get("ExecStart").get(0)).endsWith(" --systemd-socket-activation");
    }

    /**
     * The shipped JVM options hold the largest create there is (an image as large as a frame, 16 MiB, through the
     * shipped client), and give its memory back once it is garbage: the heap shrinks at the next full collection
     * (the daemon runs one a minute after such a burst; here jcmd runs it at once) and no native buffer keeps it.
     */
    @Test
    void theShippedDaemonTakesACreateCarryingAnImageAsLargeAsAFrameAndGivesTheMemoryBack() throws Exception {
        DaemonFiles files = DaemonFiles.createUnder(elsewhere.resolve("daemon"));
        Path image = elsewhere.resolve("large.elf");
        byte[] kernel = Files.readAllBytes(home.resolve("share/test-kernel.elf"));
        Files.write(image, Arrays.copyOf(kernel, LARGEST_IMAGE));
        try (DaemonProcess daemon = DaemonProcess.startInstalled(files, home, Map.of())) {
            long idleKib = residentKib(daemon.handle());

            ShellCommand.Result created = client("create", "large", image.toString(), "--socket",
                    files.socket().toString()).run(WITHIN);
            assertThat(created.exit()).as("%s", created).isZero();
            ShellCommand.Result console = client("console", "large", "--count", "1000", "--lines", "1", "--socket",
                    files.socket().toString()).run(WITHIN);
            assertThat(console.out()).as("%s", console).contains(TestUnikernel.BANNER);
            assertThat(client("destroy", "large", "--socket", files.socket().toString()).run(WITHIN).exit())
                    .isZero();
            ShellCommand.Result collected = ShellCommand.in(elsewhere, Path.of(System.getProperty("java.home"),
                    "bin", "jcmd").toString(), Long.toString(daemon.handle().pid()), "GC.run").run(WITHIN);
            assertThat(collected.exit()).as("%s", collected).isZero();

            assertThat(residentKib(daemon.handle())).as("resident KiB after the create, idle before: %d", idleKib)
                    .isLessThan(idleKib + GIVEN_BACK_WITHIN_KIB);
            assertThat(daemon.isAlive()).isTrue();
            // The image was hashed by the host's libcrypto, through the library lib/native ships: Debian's JDK brings
            // libcrypto (through ca-certificates), so a host that builds this has it.
            assertThat(Files.readString(Path.of("/proc", Long.toString(daemon.handle().pid()), "maps")))
                    .contains(home.resolve("lib/native/libalbatross-sha256.so").toRealPath().toString())
                    .containsPattern("/libcrypto\\.so");
        }
    }

    @Test
    void aJavaOlderThan17IsRefusedWithAMessage() throws Exception {
        Path oldJava = Files.createDirectories(elsewhere.resolve("jdk-11/bin"));
        Files.writeString(elsewhere.resolve("jdk-11/release"), "JAVA_VERSION=\"11.0.2\"\n");
        Files.writeString(oldJava.resolve("java"), "#!/bin/sh\nexit 99\n");
        assertThat(oldJava.resolve("java").toFile().setExecutable(true)).isTrue();

        ShellCommand.Result refused = ShellCommand.in(elsewhere, home.resolve("bin/albatrossd").toString(),
                "--help").with("JAVA_HOME", elsewhere.resolve("jdk-11").toString()).run(WITHIN);

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("albatrossd: " + oldJava.resolve("java")
                + " is Java 11.0.2; Java 17 or later is needed (set JAVA_HOME to one)\n");
    }

    @Test
    void aJavaHomeWithoutJavaIsRefusedWithAMessage() throws Exception {
        ShellCommand.Result refused = ShellCommand.in(elsewhere, home.resolve("bin/albatross-client").toString(),
                "--help").with("JAVA_HOME", elsewhere.toString()).run(WITHIN);

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("albatross-client: JAVA_HOME is " + elsewhere)
                .contains("Java 17 (or later)");
    }

    private static long residentKib(ProcessHandle process) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }

    private static ShellCommand.Result printConfig(String... more) throws Exception {
        String[] command = new String[more.length + 2];
        command[0] = home.resolve("bin/albatrossd").toString();
        command[1] = "--print-config";
        System.arraycopy(more, 0, command, 2, more.length);
        return ShellCommand.in(home, command).run(WITHIN);
    }

    /** A shipped systemd unit's settings, each with its values in order (the sections do not share a name). */
    private static Map<String, List<String>> unit(String name) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("systemd").resolve(name))) {
            Matcher setting = UNIT_SETTING.matcher(line);
            if (setting.matches()) {
                settings.computeIfAbsent(setting.group(1), key -> new ArrayList<>()).add(setting.group(2));
            }
        }
        return settings;
    }

    /** The first quoted string of a TOML value ({@code "[::]:1025"     # a comment}). */
    private static String quoted(Optional<String> value) {
        Matcher quoted = QUOTED.matcher(value.orElseThrow());
        assertThat(quoted.find()).as(value.get()).isTrue();
        return quoted.group(1);
    }

    /** Keys as {@code table.key}, in the order of the text, with their value (absent for an unset key). */
    private static Map<String, Optional<String>> keys(String toml, Pattern key) {
        Map<String, Optional<String>> keys = new LinkedHashMap<>();
        String table = "";
        for (String line : toml.split("\n")) {
            Matcher header = TABLE.matcher(line);
            Matcher entry = key.matcher(line);
            if (header.matches()) {
                table = header.group(1) + ".";
            } else if (entry.matches()) {
                keys.put(table + entry.group(1), Optional.ofNullable(entry.group(2)));
            }
        }
        return keys;
    }
}

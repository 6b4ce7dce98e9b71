package org.albatross.daemon.consolefiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.albatross.console.ConsoleLine;
import org.albatross.daemon.testing.LogCapture;
import org.albatross.protocol.Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleFilesTest {
    private static final Instant T0 = Instant.parse("2026-12-06T03:00:00Z");
    private static final Name WEB = Name.parse("alice:web");
    private static final long ROOMY = 1L << 20;

    @TempDir
    Path dbdir;

    private final AtomicLong nanos = new AtomicLong();
    private ConsoleFiles files;

    @AfterEach
    void closeFiles() {
        if (files != null) {
            files.close();
        }
    }

    @Test
    void aUnikernelsLinesGoToItsFileWhichOnlyTheDaemonMayReadAndComeBackOnTheNextStart() throws IOException {
        files = start(ROOMY);
        files.opened(WEB);
        lines(0, 3).forEach(line -> files.append(WEB, line));
        files.closed(WEB);
        files.close();

        Path file = dbdir.resolve("consoles/alice_web.log");
        assertThat(Files.readAllLines(file)).containsExactly("2026-12-06T03:00:00Z line 0",
                "2026-12-06T03:00:01Z line 1", "2026-12-06T03:00:02Z line 2");
        assertThat(Files.getPosixFilePermissions(file)).doesNotContain(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE);
        assertThat(Files.getPosixFilePermissions(file.getParent())).doesNotContain(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_EXECUTE);
        assertThat(start(ROOMY).kept(10)).containsExactly(new ConsoleFiles.KeptConsole(WEB, lines(0, 3)));
    }

    @Test
    void aConsoleThatNeverWroteALineIsKeptAsWell() throws IOException {
        files = start(ROOMY);
        files.opened(WEB);
        files.closed(WEB);
        files.close();
        assertThat(start(ROOMY).kept(10)).containsExactly(new ConsoleFiles.KeptConsole(WEB, List.of()));
    }

    @Test
    void keptConsolesComeInTheOrderTheyLastWroteWithTheirLastLines() throws IOException {
        Name early = Name.parse("alice:early");
        files = start(ROOMY);
        files.opened(early);
        lines(0, 5).forEach(line -> files.append(early, line));
        files.closed(early);
        files.close();
        Files.setLastModifiedTime(dbdir.resolve("consoles/alice_early.log"),
                java.nio.file.attribute.FileTime.from(T0));
        files = start(ROOMY);
        files.opened(WEB);
        files.closed(WEB);
        files.close();

        assertThat(start(ROOMY).kept(2)).containsExactly(new ConsoleFiles.KeptConsole(early, lines(3, 5)),
                new ConsoleFiles.KeptConsole(WEB, List.of()));
    }

    @Test
    void aUnikernelsFilesNeverTakeMoreThanItsSizeAndKeepItsNewestLines() throws IOException {
        long size = 4 * ConsoleFileFormat.MAX_RECORD_BYTES;
        files = start(size);
        files.opened(WEB);
        lines(0, 500).forEach(line -> files.append(WEB, line));
        files.closed(WEB);
        files.close();

        Path current = dbdir.resolve("consoles/alice_web.log");
        Path previous = dbdir.resolve("consoles/alice_web.log.1");
        assertThat(Files.size(current) + Files.size(previous)).isLessThanOrEqualTo(size);
        assertThat(Files.size(previous)).isGreaterThan(size / 2 - ConsoleFileFormat.MAX_RECORD_BYTES);
        List<ConsoleLine> kept = start(size).kept(1000).get(0).lines();
        assertThat(kept).endsWith(lines(497, 500).toArray(ConsoleLine[]::new));
        assertThat(kept).isSubsetOf(lines(0, 500));
        assertThat(kept).isSortedAccordingTo(java.util.Comparator.comparing(ConsoleLine::timestamp));
    }

    @Test
    void aForgottenConsoleLosesItsFilesAndANewUnikernelOfTheNameStartsAfresh() throws IOException {
        files = start(4 * ConsoleFileFormat.MAX_RECORD_BYTES);
        files.opened(WEB);
        lines(0, 100).forEach(line -> files.append(WEB, line));
        files.closed(WEB);
        files.forget(WEB);
        files.opened(WEB);
        files.append(WEB, new ConsoleLine(T0, "successor"));
        files.closed(WEB);
        files.close();

        assertThat(dbdir.resolve("consoles/alice_web.log.1")).doesNotExist();
        assertThat(start(ROOMY).kept(10)).containsExactly(new ConsoleFiles.KeptConsole(WEB,
                List.of(new ConsoleLine(T0, "successor"))));
    }

    @Test
    void aFullDiskStopsTheFilesWithOneWarningUntilTheyCanBeWrittenAgain() throws Exception {
        Path full = Path.of("/dev/full");
        assumeThat(Files.isWritable(full)).as("/dev/full, a device that is always full").isTrue();
        Path file = Files.createDirectories(dbdir.resolve("consoles")).resolve("alice_web.log");
        Files.createSymbolicLink(file, full);
        try (LogCapture log = new LogCapture(ConsoleFiles.class)) {
            files = start(ROOMY);
            files.opened(WEB);
            files.append(WEB, new ConsoleLine(T0, "lost"));
            await().atMost(Duration.ofMinutes(2)).until(() -> files.dropped() == 1);
            files.append(WEB, new ConsoleLine(T0, "lost too"));
            await().atMost(Duration.ofMinutes(2)).until(() -> files.dropped() == 2);

            Files.delete(file);
            nanos.addAndGet(ConsoleFiles.RETRY.toNanos());
            files.append(WEB, new ConsoleLine(T0.plusSeconds(1), "written again"));
            files.closed(WEB);
            files.close();

            assertThat(log.messages(Level.WARN)).singleElement().asString().contains("alice:web")
                    .contains("No space left on device");
            assertThat(log.messages(Level.INFO)).singleElement().asString().contains("writing again")
                    .contains("2 lines");
        }
        assertThat(Files.readAllLines(file)).containsExactly("2026-12-06T03:00:01Z written again");
    }

    @Test
    void linesBeyondTheQueueAreDroppedAndCountedWithoutWaitingForTheDisk() throws Exception {
        Path file = Files.createDirectories(dbdir.resolve("consoles")).resolve("alice_web.log");
        assumeThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).as("mkfifo").isZero();
        files = start(ROOMY);
        // The writer thread opens the FIFO, and waits there until something reads it: a disk that does not answer.
        files.opened(WEB);
        lines(0, ConsoleFiles.PENDING_LINES + 5).forEach(line -> files.append(WEB, line));

        assertThat(files.dropped()).isEqualTo(5);
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream fifo = Files.newInputStream(file)) {
                return fifo.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        files.closed(WEB);
        files.close();
        assertThat(read.get()).isGreaterThan(0L);
        assertThat(files.dropped()).isEqualTo(5);
    }

    private ConsoleFiles start(long size) throws IOException {
        return ConsoleFiles.start(ConsoleDirectory.open(dbdir), size, nanos::get);
    }

    private static List<ConsoleLine> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new ConsoleLine(T0.plusSeconds(i), "line " + i)).toList();
    }
}

package org.albatross.daemon.consolefiles.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.albatross.console.ConsoleAllowance;
import org.albatross.console.ConsoleJournal;
import org.albatross.console.ConsoleLimits;
import org.albatross.console.ConsoleWriter;
import org.albatross.console.Consoles;
import org.albatross.daemon.consolefiles.ConsoleFiles;
import org.albatross.protocol.Name;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Console ingest in lines per second as the daemon runs it: 80-byte lines in 4 KiB chunks through splitter and ring,
 * with the console files ({@code files}: a temporary dbdir, 1 MiB per unikernel, so the files rotate every 6,500
 * lines) beside its anchor without them ({@code none}, what {@code ConsoleIngestBenchmark} measures). The thread that
 * reads the output never waits for the files; the lines the files could not keep up with are printed at the end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ConsoleFilesIngestBenchmark {
    private static final int LINE_BYTES = 80;
    private static final int CHUNK_BYTES = 4096;
    // 80 chunks of 4 KiB hold exactly 4096 lines of 80 bytes.
    private static final int LINES = CHUNK_BYTES;
    private static final int CHUNKS = LINES * LINE_BYTES / CHUNK_BYTES;

    @Param({"none", "files"})
    public String journal;

    private byte[] output;
    private Path dbdir;
    private ConsoleFiles files;
    private ConsoleWriter writer;
    private long ingested;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < LINES; line++) {
            String prefix = String.format("[%08d] ", line);
            text.append(prefix).append("x".repeat(LINE_BYTES - 1 - prefix.length())).append('\n');
        }
        output = text.toString().getBytes(StandardCharsets.UTF_8);
        dbdir = Files.createTempDirectory("console-files-bench");
        files = ConsoleFiles.start(dbdir, 1 << 20);
        ConsoleJournal kept = journal.equals("files") ? files : ConsoleJournal.NONE;
        Consoles consoles = new Consoles(new ConsoleLimits(1024, 1, 1024), Instant::now, kept);
        Name name = Name.parse("bench:unikernel");
        writer = consoles.created(name, List.of(new ConsoleAllowance(name.path(), 1)));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void ingest() {
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            writer.write(output, chunk * CHUNK_BYTES, CHUNK_BYTES);
        }
        ingested += LINES;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
        files.close();
        System.out.printf("%njournal=%s: %d of %d lines did not go to the files%n", journal, files.dropped(),
                journal.equals("files") ? ingested : 0);
        try (Stream<Path> all = Files.walk(dbdir)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both ways of reading consoles, on real FIFOs: what a tender writes arrives, whole, and in order. */
class ConsoleReaderTest {
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path root;

    static Stream<Arguments> readers() {
        return Stream.of(Arguments.of("epoll", (Supplier<ConsoleReader>) () -> {
            assumeTrue(EpollConsoleReader.available(), EpollConsoleReader::unavailability);
            return new EpollConsoleReader();
        }), Arguments.of("polled", (Supplier<ConsoleReader>) PolledConsoleReader::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void linesArriveWhileTheTenderRunsAndTheLastOneWhenItEnds(String kind, Supplier<ConsoleReader> readers)
            throws Exception {
        RunDirectory run = fifo("one");
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean told = new AtomicBoolean();
        try (ConsoleReader reader = readers.get()) {
            ConsoleStream stream = reader.read(reader.open(run), lines::add);
            write(run, "first\r\nsecond\n");
            await().atMost(DEADLINE).until(() -> lines.size() == 2);
            write(run, "third\nno newline");

            reader.end(stream, () -> told.set(lines.size() == 4));
            await().atMost(DEADLINE).untilTrue(told);
        }
        assertThat(lines).containsExactly("first", "second", "third", "no newline");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aConsoleWithMoreThanOneWakeUpsWorthIsReadOnAndInOrder(String kind, Supplier<ConsoleReader> readers)
            throws Exception {
        int count = 3 * ConsoleReader.READ_PER_WAKE / 100;
        RunDirectory run = fifo("chatty");
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ConsoleReader reader = readers.get()) {
            reader.read(reader.open(run), lines::add);
            // More than a FIFO holds: the writer waits for the reader, as a chatty tender does.
            Thread writer = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(run.console(), StandardOpenOption.WRITE)) {
                    for (int i = 0; i < count; i++) {
                        out.write(String.format("%098d\n", i).getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            await().atMost(DEADLINE).until(() -> lines.size() >= count);
            writer.join();
        }
        assertThat(lines).hasSize(count);
        for (int i = 0; i < count; i += count / 10) {
            assertThat(lines.get(i)).isEqualTo(String.format("%098d", i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aConsoleEndedBeforeItWasReadStillDeliversWhatItHeld(String kind, Supplier<ConsoleReader> readers)
            throws Exception {
        RunDirectory run = fifo("brief");
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean told = new AtomicBoolean();
        try (ConsoleReader reader = readers.get()) {
            ConsoleFifo fifo = reader.open(run);
            write(run, "all at once\n");
            reader.end(reader.read(fifo, lines::add), () -> told.set(true));
            await().atMost(DEADLINE).untilTrue(told);
        }
        assertThat(lines).containsExactly("all at once");
    }

    private RunDirectory fifo(String name) throws Exception {
        RunDirectory run = RunRoot.open(root).directory(name);
        run.prepare(ProcessLauncher.SYSTEM);
        return run;
    }

    private static void write(RunDirectory run, String text) throws Exception {
        Files.writeString(run.console(), text, StandardOpenOption.WRITE);
    }
}

package org.albatross.console.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.albatross.console.ConsoleAllowance;
import org.albatross.console.ConsoleEvent;
import org.albatross.console.ConsoleHistory;
import org.albatross.console.ConsoleLimits;
import org.albatross.console.ConsoleSubscription;
import org.albatross.console.ConsoleWriter;
import org.albatross.console.Consoles;
import org.albatross.protocol.Name;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Console ingest in lines per second: 80-byte lines (79 characters and a newline) read in 4 KiB chunks, so most
 * chunks split a line, go through splitter and ring; with subscribers, each one is drained after every chunk, as an
 * event loop would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ConsoleIngestBenchmark {
    private static final int LINE_BYTES = 80;
    private static final int CHUNK_BYTES = 4096;
    // 80 chunks of 4 KiB hold exactly 4096 lines of 80 bytes.
    private static final int LINES = CHUNK_BYTES;
    private static final int CHUNKS = LINES * LINE_BYTES / CHUNK_BYTES;

    @Param({"0", "5"})
    public int subscribers;

    private byte[] output;
    private ConsoleWriter writer;
    private final List<ConsoleSubscription> subscriptions = new ArrayList<>();

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < LINES; line++) {
            String prefix = String.format("[%08d] ", line);
            text.append(prefix).append("x".repeat(LINE_BYTES - 1 - prefix.length())).append('\n');
        }
        output = text.toString().getBytes(StandardCharsets.UTF_8);
        Consoles consoles = new Consoles(new ConsoleLimits(1024, Math.max(1, subscribers), 1024), Instant::now);
        Name name = Name.parse("bench:unikernel");
        writer = consoles.started(name, List.of(new ConsoleAllowance(name.path(), 1)));
        for (int i = 0; i < subscribers; i++) {
            subscriptions.add(consoles.subscribe(name, new ConsoleHistory.Last(0), () -> { }));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void ingest(Blackhole blackhole) {
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            writer.write(output, chunk * CHUNK_BYTES, CHUNK_BYTES);
            for (ConsoleSubscription subscription : subscriptions) {
                for (ConsoleEvent event : subscription.poll(Integer.MAX_VALUE)) {
                    blackhole.consume(event);
                }
            }
        }
    }
}

package org.albatross.protocol.bench;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.albatross.protocol.Data;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode+decode of a create command carrying a 1 MiB image and of a console line, each beside a plain
 * {@code System.arraycopy} of the same encoded bytes as the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
    private static final int IMAGE_SIZE = 1024 * 1024;

    private Wire create;
    private byte[] createBytes;
    private byte[] createCopy;
    private Wire consoleLine;
    private byte[] consoleLineBytes;
    private byte[] consoleLineCopy;

    @Setup
    public void setUp() {
        byte[] image = new byte[IMAGE_SIZE];
        new Random(1).nextBytes(image);
        UnikernelArguments arguments = new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(), true,
                Set.of(0), 64, Set.of(), Set.of(), Optional.empty(), 1, Optional.empty());
        create = new Wire(new Header(1, Name.parse("tenant:hello")), new UnikernelCommand.Create(
                new UnikernelConfig(UnikernelType.SOLO5, false, Octets.of(image), arguments)));
        createBytes = WireCodec.encode(create);
        createCopy = new byte[createBytes.length];
        consoleLine = new Wire(new Header(2, Name.parse("tenant:hello")), new Data.ConsoleLine(
                Instant.parse("2025-01-01T00:00:00.123Z"), "Solo5: Bindings version v0.9.0, a typical console line"));
        consoleLineBytes = WireCodec.encode(consoleLine);
        consoleLineCopy = new byte[consoleLineBytes.length];
    }

    @Benchmark
    public Wire createEncodeDecode() {
        return WireCodec.decode(WireCodec.encode(create));
    }

    @Benchmark
    public byte[] createArraycopy() {
        System.arraycopy(createBytes, 0, createCopy, 0, createBytes.length);
        return createCopy;
    }

    @Benchmark
    public Wire consoleLineEncodeDecode() {
        return WireCodec.decode(WireCodec.encode(consoleLine));
    }

    @Benchmark
    public byte[] consoleLineArraycopy() {
        System.arraycopy(consoleLineBytes, 0, consoleLineCopy, 0, consoleLineBytes.length);
        return consoleLineCopy;
    }
}

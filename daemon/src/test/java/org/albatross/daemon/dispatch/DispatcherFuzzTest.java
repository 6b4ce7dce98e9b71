package org.albatross.daemon.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.testing.FakeDaemon;
import org.albatross.protocol.Command;
import org.albatross.protocol.Failure;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.Success;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.testing.InputTimeLimit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's command handling behind the decoder: whatever command decodes from the input, the dispatcher of a
 * daemon with real state and a fake launcher answers it with a success or a failure, never an exception, within
 * the time limit. Inputs that do not decode are {@code CommandHandlerFuzzTest}'s. Seeds: {@link DispatcherSeeds};
 * the verify build fuzzes it for 100,000 inputs (docs/fuzzing.md).
 */
class DispatcherFuzzTest {
    /** The daemon is replaced after this many commands, so that what the fuzzer creates cannot pile up unbounded. */
    private static final int COMMANDS_PER_DAEMON = 10_000;
    private static final long REPLY_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherFuzzTest.class);

    private static Path directory;
    private static FakeDaemon daemon;
    private static int inputs;
    private static int commands;

    @BeforeAll
    static void startDaemon() throws Exception {
        directory = Files.createTempDirectory("dispatcher-fuzz");
        daemon = new FakeDaemon(directory);
    }

    @AfterAll
    static void report() throws IOException {
        stopDaemon();
        LOG.info("{} of {} inputs decoded to a command and were dispatched", commands, inputs);
    }

    private static void stopDaemon() throws IOException {
        daemon.close();
        delete(directory);
    }

    @FuzzTest(maxDuration = "60s")
    void aDecodedCommandGetsADomainReply(byte[] input) throws Exception {
        inputs++;
        Wire wire;
        try {
            wire = WireCodec.decode(input);
        } catch (ProtocolError notAMessage) {
            return;
        }
        if (wire.payload() instanceof Command command) {
            InputTimeLimit.check(() -> answer(wire, command));
            daemon.saved.clear();
            daemon.events.clear();
            if (++commands % COMMANDS_PER_DAEMON == 0) {
                stopDaemon();
                startDaemon();
            }
        }
    }

    private static void answer(Wire wire, Command command) throws Exception {
        Reply reply = daemon.dispatcher.dispatch(wire.header(), command, () -> { })
                .get(REPLY_SECONDS, TimeUnit.SECONDS);
        assertThat(reply.answer()).isInstanceOfAny(Success.class, Failure.class);
        if (reply instanceof Reply.Streaming streaming) {
            streaming.stream().close();
        } else if (reply instanceof Reply.Receiving receiving) {
            receiving.stream().abort();
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

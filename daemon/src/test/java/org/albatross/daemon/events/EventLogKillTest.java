package org.albatross.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.albatross.protocol.Event;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable, checked with a real {@code kill -9}: a child JVM appends in a loop and prints each
 * acknowledged event; it is killed at a random moment, the log is reopened, and every acknowledged event must be
 * there, in order, with nothing half-written.
 */
class EventLogKillTest {
    private static final int ROUNDS = 20;
    private static final long DEADLINE_SECONDS = 30;
    private static final String END = "";

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedEventSurvivesAKillNineAtARandomMoment() throws Exception {
        long seed = System.nanoTime();
        System.out.println("EventLogKillTest seed " + seed);
        Random random = new Random(seed);
        // A child whose parent died would append to the log until the disk is full.
        OrphanReaper.watch(directory);
        for (int round = 0; round < ROUNDS; round++) {
            Path log = directory.resolve("round-" + round);
            int acknowledged = killAfterAcknowledgements(log, random.nextInt(120));

            try (EventLog reopened = EventLog.open(log, AppendingChild.SETTINGS, Clock.systemUTC())) {
                List<String> whats = reopened.query(org.albatross.protocol.Path.ROOT,
                        new EventQuery.Last(Integer.MAX_VALUE)).stream()
                        .map(entry -> ((Event.CommandRefused) entry.event()).what()).toList();
                assertThat(whats).as("seed %d round %d: acknowledged 0..%d", seed, round, acknowledged - 1)
                        .hasSizeBetween(acknowledged, acknowledged + 1)
                        .containsExactlyElementsOf(IntStream.range(0, whats.size())
                                .mapToObj(i -> "create " + i).toList());
            }
        }
    }

    /**
     * Runs the child until it acknowledged {@code atLeast} events, kills it, and returns how many it acknowledged,
     * counting those it printed before it died.
     */
    private static int killAfterAcknowledgements(Path log, int atLeast) throws Exception {
        Process child = new ProcessBuilder(javaCommand(log)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        new Thread(() -> readLines(child, lines), "kill-test-reader").start();
        int acknowledged = 0;
        try {
            while (acknowledged < atLeast) {
                acknowledged += acknowledgement(lines.poll(DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
        } finally {
            // SIGKILL through the handle: Process.destroyForcibly would also close the pipe and lose the
            // acknowledgements still in it
            child.toHandle().destroyForcibly();
        }
        if (!child.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            fail("the killed child did not end within %d s", DEADLINE_SECONDS);
        }
        for (String line = lines.poll(DEADLINE_SECONDS, TimeUnit.SECONDS); !END.equals(line);
                line = lines.poll(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            acknowledged += acknowledgement(line);
        }
        return acknowledged;
    }

    private static int acknowledgement(String line) {
        if (line == null) {
            fail("the child printed nothing for %d s", DEADLINE_SECONDS);
        }
        return line.startsWith(AppendingChild.ACKED) ? 1 : 0;
    }

    private static void readLines(Process child, LinkedBlockingQueue<String> lines) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lines.add(END);
        }
    }

    private static List<String> javaCommand(Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a quick JVM: the child only appends
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx64m"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.add(AppendingChild.class.getName());
        command.add(log.toString());
        return command;
    }
}

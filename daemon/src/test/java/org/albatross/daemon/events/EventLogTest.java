package org.albatross.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.albatross.daemon.store.TmpfsMount;
import org.albatross.daemon.testing.LogCapture;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final org.albatross.protocol.Path ROOT = org.albatross.protocol.Path.ROOT;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    /** A refusal's record with a two-digit number and a whole-second timestamp: all such records are this size. */
    private static final int RECORD_SIZE = EventRecord.encode(new LoggedEvent(1, new Data.EventEntry(
            TickingClock.tick(0), refused(10, "a")))).length;

    @TempDir
    Path directory;

    private final List<EventLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() throws IOException {
        for (EventLog log : opened) {
            log.close();
        }
    }

    @Test
    void appendedEventsComeBackInOrderWithTheClocksTimestamps() throws IOException {
        EventLog log = open(EventLogSettings.DEFAULT);

        Instant first = log.append(new Event.Startup());
        Instant second = log.append(refused(1, "a"));

        assertThat(first).isEqualTo(TickingClock.tick(0));
        assertThat(second).isEqualTo(TickingClock.tick(1));
        assertThat(log.query(ROOT, new EventQuery.Last(10))).containsExactly(
                new Data.EventEntry(first, new Event.Startup()), new Data.EventEntry(second, refused(1, "a")));
    }

    @Test
    void sinceGivesTheEventsAtOrAfterTheInstant() throws IOException {
        EventLog log = open(EventLogSettings.DEFAULT);
        appendRefusals(log, 0, 10, "a");

        assertThat(whats(log.query(ROOT, new EventQuery.Since(TickingClock.tick(7)))))
                .containsExactly("create 7", "create 8", "create 9");
        assertThat(log.query(ROOT, new EventQuery.Since(TickingClock.tick(10)))).isEmpty();
        assertThat(log.query(ROOT, new EventQuery.Since(Instant.EPOCH))).hasSize(10);
    }

    @Test
    void lastGivesTheNewestEventsAndNeverMoreThanExist() throws IOException {
        EventLog log = open(EventLogSettings.DEFAULT);
        appendRefusals(log, 0, 5, "a");

        assertThat(whats(log.query(ROOT, new EventQuery.Last(2)))).containsExactly("create 3", "create 4");
        assertThat(log.query(ROOT, new EventQuery.Last(Integer.MAX_VALUE))).hasSize(5);
        assertThat(log.query(ROOT, new EventQuery.Last(0))).isEmpty();
        assertThat(log.query(ROOT, new EventQuery.Last(-5))).isEmpty();
        assertThat(log.query(ROOT, new EventQuery.Last(Integer.MIN_VALUE))).isEmpty();
    }

    @Test
    void aTenantSeesWhatHappensAtOrUnderItsPathAndTheDaemonsOwnEvents() throws IOException {
        EventLog log = open(EventLogSettings.DEFAULT);
        org.albatross.protocol.Path a = org.albatross.protocol.Path.of("a");
        org.albatross.protocol.Path ab = org.albatross.protocol.Path.of("a", "b");
        org.albatross.protocol.Path c = org.albatross.protocol.Path.of("c");
        List<Event> events = List.of(
                new Event.Startup(),
                new Event.Login(new Event.Session(a, BigInteger.TEN, "127.0.0.1:4000")),
                new Event.Logout(new Event.Session(c, BigInteger.ONE, "127.0.0.1:4001")),
                new Event.UnikernelStart(Name.parse("a:hello"), 42, Octets.of(new byte[32]), List.of("tap0"),
                        List.of(), "solo5-hvt"),
                new Event.UnikernelStop(Name.parse("a:b:web"), new Event.ExitStatus.Exited(0)),
                new Event.UnikernelRestart(Name.parse("c:db")),
                new Event.PolicyChanged(ab, Optional.empty()),
                new Event.BlockChanged(Name.parse("c:disk"), Optional.of(10L)),
                new Event.CommandRefused(ab, "create a:b:x", "memory"),
                new Event.Hup(),
                new Event.UnikernelStop(Name.parse("b"), new Event.ExitStatus.Signalled(9)),
                new Event.Shutdown());
        for (Event event : events) {
            log.append(event);
        }

        assertThat(kinds(log.query(ROOT, new EventQuery.Last(100)))).hasSize(events.size());
        assertThat(kinds(log.query(a, new EventQuery.Last(100)))).containsExactly("Startup", "Login",
                "UnikernelStart", "UnikernelStop", "PolicyChanged", "CommandRefused", "Hup", "Shutdown");
        assertThat(kinds(log.query(ab, new EventQuery.Last(100)))).containsExactly("Startup", "UnikernelStop",
                "PolicyChanged", "CommandRefused", "Hup", "Shutdown");
        assertThat(kinds(log.query(c, new EventQuery.Last(100)))).containsExactly("Startup", "Logout",
                "UnikernelRestart", "BlockChanged", "Hup", "Shutdown");
        assertThat(kinds(log.query(org.albatross.protocol.Path.of("a", "hello"), new EventQuery.Last(100))))
                .as("a unikernel's label is not a tenant under it").containsExactly("Startup", "Hup", "Shutdown");
    }

    @Test
    void lastCountsOnlyTheEventsTheTenantSees() throws IOException {
        EventLog log = open(new EventLogSettings(300, 100));
        for (int i = 0; i < 30; i++) {
            log.append(refused(i, i % 3 == 0 ? "a" : "b"));
        }

        assertThat(whats(log.query(org.albatross.protocol.Path.of("a"), new EventQuery.Last(3))))
                .containsExactly("create 21", "create 24", "create 27");
    }

    @Test
    void segmentsRotateBySizeAndOnlyTheNewestAreRetained() throws IOException {
        EventLog log = open(new EventLogSettings(RECORD_SIZE * 4L, 3));

        appendRefusals(log, 10, 30, "a");

        assertTheNewestThreeSegmentsOfFourRecordsHold18To29(log);
    }

    @Test
    void eventsAppendedTogetherAreNumberedAndRotatedAsOneByOne() throws IOException {
        EventLog log = open(new EventLogSettings(RECORD_SIZE * 4L, 3));

        log.appendAll(IntStream.range(10, 30).mapToObj(i -> (Event) refused(i, "a")).toList());

        assertTheNewestThreeSegmentsOfFourRecordsHold18To29(log);
    }

    /** What 20 refusals (10 to 29) leave in segments of 4 records, 3 retained. */
    private void assertTheNewestThreeSegmentsOfFourRecordsHold18To29(EventLog log) throws IOException {
        assertThat(segmentFiles()).containsExactly("00000000000000000009.log", "00000000000000000013.log",
                "00000000000000000017.log");
        assertThat(whats(log.query(ROOT, new EventQuery.Since(Instant.EPOCH))))
                .containsExactlyElementsOf(IntStream.range(18, 30).mapToObj(i -> "create " + i).toList());
        for (String file : segmentFiles()) {
            assertThat(Files.size(directory.resolve(file))).isLessThanOrEqualTo(RECORD_SIZE * 4L);
        }
    }

    @Test
    void anEventLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
        EventLog log = open(new EventLogSettings(10, 5));
        appendRefusals(log, 0, 3, "a");

        assertThat(segmentFiles()).hasSize(3);
        assertThat(log.query(ROOT, new EventQuery.Last(5))).hasSize(3);
    }

    @Test
    void aReopenedLogContinuesWhereItStopped() throws IOException {
        EventLogSettings settings = new EventLogSettings(200, 100);
        EventLog first = open(settings);
        appendRefusals(first, 0, 5, "a");
        first.close();

        EventLog second = open(settings);
        appendRefusals(second, 5, 10, "a");

        assertThat(whats(second.query(ROOT, new EventQuery.Last(100))))
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "create " + i).toList());
        assertThat(segmentFiles()).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("\\d{20}\\.log"));
    }

    @Test
    void aDamagedRecordInTheMiddleIsReportedAndSkipped() throws IOException {
        Path segment = segmentWithRefusals(6);
        int[] ends = recordEnds(segment);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[ends[1] + EventRecord.HEADER + 5] ^= 0x40;
        Files.write(segment, bytes);

        try (LogCapture capture = new LogCapture(EventLog.class)) {
            EventLog reopened = open(EventLogSettings.DEFAULT);
            reopened.append(refused(6, "a"));

            assertThat(whats(reopened.query(ROOT, new EventQuery.Last(100))))
                    .containsExactly("create 0", "create 1", "create 3", "create 4", "create 5", "create 6");
            assertThat(capture.messages(Level.ERROR)).singleElement().asString()
                    .contains(segment.toString(), "skipping " + (ends[2] - ends[1]) + " damaged bytes at offset "
                            + ends[1], "checksum mismatch");
        }
    }

    @Test
    void damageInAnOlderSegmentIsNotReadAtOpenButReportedByTheDamageCheck() throws IOException {
        EventLogSettings settings = new EventLogSettings(RECORD_SIZE * 2L, 10);
        try (EventLog log = EventLog.open(directory, settings, new TickingClock())) {
            appendRefusals(log, 10, 16, "a");
        }
        Path oldest = directory.resolve(segmentFiles().get(0));
        byte[] bytes = Files.readAllBytes(oldest);
        bytes[EventRecord.HEADER + 5] ^= 0x40;
        Files.write(oldest, bytes);

        try (LogCapture capture = new LogCapture(EventLog.class)) {
            EventLog reopened = open(settings);
            List<String> atOpen = List.copyOf(capture.messages(Level.ERROR));
            reopened.reportDamage();
            reopened.reportDamage();

            assertThat(atOpen).isEmpty();
            assertThat(capture.messages(Level.ERROR)).singleElement().asString()
                    .contains(oldest.toString(), "skipping " + RECORD_SIZE + " damaged bytes at offset 0");
        }
    }

    @Test
    void aWholeRecordThatIsNotAnEventIsReportedAndSkipped() throws IOException {
        Path segment = segmentWithRefusals(2);
        byte[] console = EventRecord.frame(WireCodec.encode(new Wire(new Header(3, Name.ROOT),
                new Data.ConsoleLine(TickingClock.START, "not an event"))));
        Files.write(segment, console, StandardOpenOption.APPEND);

        try (LogCapture capture = new LogCapture(EventLog.class)) {
            EventLog reopened = open(EventLogSettings.DEFAULT);

            assertThat(whats(reopened.query(ROOT, new EventQuery.Last(10)))).containsExactly("create 0", "create 1");
            assertThat(capture.messages(Level.ERROR)).singleElement().asString()
                    .contains("its checksum matches but it is not an event entry");
        }
    }

    @Test
    void aRecordCutShortByACrashIsTruncatedAtEveryByteOfIt() throws IOException {
        Path segment = segmentWithRefusals(4);
        byte[] whole = Files.readAllBytes(segment);
        int lastStart = recordEnds(segment)[2];

        for (int cut = lastStart; cut < whole.length; cut++) {
            Files.write(segment, Arrays.copyOf(whole, cut));
            try (LogCapture capture = new LogCapture(EventLog.class)) {
                EventLog reopened = open(EventLogSettings.DEFAULT);

                assertThat(whats(reopened.query(ROOT, new EventQuery.Last(100)))).as("cut at %d", cut)
                        .containsExactly("create 0", "create 1", "create 2");
                if (cut > lastStart) {
                    assertThat(capture.messages(Level.WARN)).as("cut at %d", cut).singleElement().asString()
                            .contains("truncating " + (cut - lastStart) + " bytes after offset " + lastStart);
                }
                assertThat(capture.messages(Level.ERROR)).as("a torn tail is not damage").isEmpty();
                reopened.append(refused(99, "a"));
                assertThat(whats(reopened.query(ROOT, new EventQuery.Last(2)))).containsExactly("create 2",
                        "create 99");
                reopened.close();
            }
        }
    }

    @Test
    void aSubscriberGetsTheTenantsNewEventsInOrder() throws IOException {
        EventLog log = open(EventLogSettings.DEFAULT);
        log.append(refused(-1, "a"));
        Received received = new Received();
        EventSubscription subscription = log.subscribe(org.albatross.protocol.Path.of("a"), received);

        for (int i = 0; i < 50; i++) {
            log.append(refused(i, i % 2 == 0 ? "a" : "b"));
        }

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(whats(received.all())).containsExactlyElementsOf(
                IntStream.range(0, 50).filter(i -> i % 2 == 0).mapToObj(i -> "create " + i).toList()));
        subscription.close();
        log.append(refused(100, "a"));
        assertThat(subscription.isClosed()).isTrue();
        assertThat(received.all()).hasSize(25);
    }

    @Test
    void aSubscriptionWithHistoryHasNoGapAndNoRepeat() throws IOException {
        EventLog log = open(EventLogSettings.DEFAULT);
        appendRefusals(log, 0, 10, "a");
        Received received = new Received();

        log.subscribe(ROOT, new EventQuery.Last(3), received);
        appendRefusals(log, 10, 15, "a");

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(whats(received.all())).containsExactlyElementsOf(
                IntStream.range(7, 15).mapToObj(i -> "create " + i).toList()));
    }

    @Test
    void aSlowSubscriberNeitherBlocksAppendsNorOtherSubscribers() throws Exception {
        EventLog log = open(EventLogSettings.DEFAULT);
        // A connection that takes nine events and writes none: its subscription drops the rest, whether they reach it
        // while its (empty) history is delivered or after.
        Received stuck = new Received(9);
        Received keepingUp = new Received();
        EventSubscription behind = log.subscribe(ROOT, stuck);
        EventSubscription fast = log.subscribe(ROOT, keepingUp);

        appendRefusals(log, 0, 100, "a");

        await().atMost(DEADLINE).until(() -> keepingUp.all().size() == 100 && behind.dropped() == 100 - 9);
        assertThat(fast.dropped()).isZero();
        assertThat(whats(keepingUp.all())).containsExactlyElementsOf(
                IntStream.range(0, 100).mapToObj(i -> "create " + i).toList());
        assertThat(whats(stuck.all())).containsExactlyElementsOf(
                IntStream.range(0, 9).mapToObj(i -> "create " + i).toList());
    }

    @Test
    void aSubscriberWhoseConnectionIsGoneIsClosedAndTheAppendsGoOn() throws Exception {
        EventLog log = open(EventLogSettings.DEFAULT);
        EventSubscription gone = log.subscribe(ROOT, new Received() {
            @Override
            public boolean offer(Data.EventEntry entry) {
                throw new java.util.concurrent.RejectedExecutionException("event executor terminated");
            }
        });

        appendRefusals(log, 0, 3, "a");

        await().atMost(DEADLINE).until(gone::isClosed);
        log.append(refused(3, "a"));
        assertThat(whats(log.query(ROOT, new EventQuery.Last(10))))
                .containsExactly("create 0", "create 1", "create 2", "create 3");
    }

    @Test
    void concurrentAppendersGetDistinctOrderedSlotsAndNothingIsLost() throws Exception {
        EventLog log = open(new EventLogSettings(4096, 1000));
        Received streamed = new Received();
        log.subscribe(ROOT, streamed);
        int threads = 4;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Instant>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String who = "t" + t;
                results.add(pool.submit(() -> {
                    List<Instant> stamps = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        stamps.add(log.append(refused(i, who)));
                    }
                    return stamps;
                }));
            }
            for (Future<List<Instant>> result : results) {
                assertThat(result.get()).as("each appender's events in its own order").isSorted();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Data.EventEntry> logged = log.query(ROOT, new EventQuery.Since(Instant.EPOCH));
        assertThat(logged).hasSize(threads * each);
        assertThat(logged.stream().map(Data.EventEntry::timestamp).toList()).as("log order is append order")
                .isSorted().doesNotHaveDuplicates();
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(streamed.all()).containsExactlyElementsOf(logged));
        for (int t = 0; t < threads; t++) {
            assertThat(whats(log.query(org.albatross.protocol.Path.of("t" + t), new EventQuery.Last(1000))))
                    .containsExactlyElementsOf(IntStream.range(0, each).mapToObj(i -> "create " + i).toList());
        }
    }

    @Test
    void aSegmentCreatedButNeverWrittenBeforeACrashIsWrittenOnReopen() throws IOException {
        try (EventLog log = EventLog.open(directory, EventLogSettings.DEFAULT, new TickingClock())) {
            appendRefusals(log, 0, 3, "a");
        }
        Files.createFile(directory.resolve("00000000000000000004.log"));

        EventLog reopened = open(EventLogSettings.DEFAULT);
        reopened.append(refused(3, "a"));

        assertThat(whats(reopened.query(ROOT, new EventQuery.Last(10))))
                .containsExactly("create 0", "create 1", "create 2", "create 3");
        assertThat(directory.resolve("00000000000000000004.log")).isNotEmptyFile();
    }

    @Test
    void aFullDiskFailsTheAppendClearlyAndKeepsEveryAcknowledgedEvent() throws IOException {
        Optional<TmpfsMount> tmpfs = TmpfsMount.mount(directory, "size=8k");
        assumeThat(tmpfs).as("mounting a tmpfs needs root or CAP_SYS_ADMIN; skipped").isPresent();
        try (TmpfsMount mounted = tmpfs.get()) {
            EventLog log = EventLog.open(directory, new EventLogSettings(1 << 20, 10), new TickingClock());
            List<String> acknowledged = new ArrayList<>();
            IOException full = null;
            for (int i = 0; i < 1000 && full == null; i++) {
                try {
                    log.append(refused(i, "a"));
                    acknowledged.add("create " + i);
                } catch (IOException e) {
                    full = e;
                }
            }

            assertThat(full).as("an 8 KiB file system fills up").isNotNull()
                    .hasMessageContaining("No space left on device").hasMessageContaining("it was not recorded");
            log.close();
            try (EventLog reopened = EventLog.open(directory, EventLogSettings.DEFAULT, new TickingClock())) {
                assertThat(whats(reopened.query(ROOT, new EventQuery.Last(1000))))
                        .containsExactlyElementsOf(acknowledged);
            }
        }
    }

    @Test
    void aClosedLogRefusesAppendsAndEndsItsSubscriptions() throws IOException {
        EventLog log = open(EventLogSettings.DEFAULT);
        EventSubscription subscription = log.subscribe(ROOT, new Received());

        log.close();

        assertThat(subscription.isClosed()).isTrue();
        assertThatThrownBy(() -> log.append(new Event.Hup())).isInstanceOf(IOException.class)
                .hasMessageContaining("is closed");
        assertThat(log.subscribe(ROOT, new Received()).isClosed()).isTrue();
    }

    @Test
    void filesThatAreNotSegmentsAreLeftAlone() throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("README"), "operator notes");
        EventLog log = open(EventLogSettings.DEFAULT);
        log.append(new Event.Startup());

        assertThat(directory.resolve("README")).hasContent("operator notes");
        assertThat(log.query(ROOT, new EventQuery.Last(5))).hasSize(1);
    }

    static Event.CommandRefused refused(int i, String who) {
        return new Event.CommandRefused(org.albatross.protocol.Path.parse(who), "create " + i, "over the policy");
    }

    private static void appendRefusals(EventLog log, int from, int to, String who) throws IOException {
        for (int i = from; i < to; i++) {
            log.append(refused(i, who));
        }
    }

    private EventLog open(EventLogSettings settings) throws IOException {
        EventLog log = EventLog.open(directory, settings, new TickingClock());
        opened.add(log);
        return log;
    }

    /** The one segment file of a closed log that recorded refusals 0 to {@code count} - 1. */
    private Path segmentWithRefusals(int count) throws IOException {
        try (EventLog log = EventLog.open(directory, EventLogSettings.DEFAULT, new TickingClock())) {
            appendRefusals(log, 0, count, "a");
        }
        return directory.resolve(segmentFiles().get(0));
    }

    /** Where each record of {@code segment} ends. */
    private static int[] recordEnds(Path segment) throws IOException {
        return SegmentScan.of(Files.readAllBytes(segment)).frames().stream()
                .mapToInt(frame -> frame.offset() + frame.length()).toArray();
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".log")).sorted()
                    .toList();
        }
    }

    private static List<String> whats(List<Data.EventEntry> entries) {
        synchronized (entries) {
            return entries.stream().map(entry -> ((Event.CommandRefused) entry.event()).what()).toList();
        }
    }

    private static List<String> kinds(List<Data.EventEntry> entries) {
        return entries.stream().map(entry -> entry.event().getClass().getSimpleName()).toList();
    }
}

package org.albatross.daemon.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.albatross.daemon.store.AtomicFile;
import org.albatross.daemon.store.PrivateFiles;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's append-only event log (docs/event-log.md): segment files in one directory, each a run of
 * {@link EventRecord}s. An append is written and fsync'd before it returns, so an acknowledged event survives a
 * crash; appends are serialised and numbered, and time-stamped from the injected clock. On open, a record that a
 * crash cut short at the end of the newest segment is truncated away with a warning; a damaged record anywhere else
 * is reported and skipped whenever it is read. Thread-safe.
 */
public final class EventLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final Path directory;
    private final EventLogSettings settings;
    private final Clock clock;
    private final Deque<Segment> segments;
    private final List<EventSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Set<String> reportedDamage = ConcurrentHashMap.newKeySet();
    private FileChannel active;
    private long activeSize;
    private long nextSequence;
    private boolean closed;

    private EventLog(Path directory, EventLogSettings settings, Clock clock, Deque<Segment> segments,
            FileChannel active, long activeSize, long nextSequence) {
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
        this.segments = segments;
        this.active = active;
        this.activeSize = activeSize;
        this.nextSequence = nextSequence;
    }

    /**
     * Opens the log kept in {@code directory} (the daemon passes {@code dbdir/events}), creating it if missing, and
     * reports any damage its newest segment holds; {@link #reportDamage} reports the older segments'. Opening reads
     * the newest segment alone, however long the log: a cold start does not read the 64 MiB a full log may keep.
     */
    public static EventLog open(Path directory, EventLogSettings settings, Clock clock) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        PrivateFiles.directory(directory);
        Deque<Segment> segments = new ArrayDeque<>(existingSegments(directory));
        if (segments.isEmpty()) {
            segments.add(Segment.in(directory, 1));
        }
        Segment newest = segments.getLast();
        FileChannel active = createSegment(newest);
        try {
            SegmentScan scan = SegmentScan.of(Files.readAllBytes(newest.file()));
            long size = active.size();
            if (scan.hasTail()) {
                LOG.warn("event log {}: truncating {} bytes after offset {}, a record cut short by a crash before it "
                        + "was acknowledged ({})", newest.file(), size - scan.end(), scan.end(), scan.tail());
                active.truncate(scan.end());
                active.force(true);
                size = scan.end();
            }
            long nextSequence = lastSequence(scan).map(sequence -> sequence + 1).orElse(newest.firstSequence());
            EventLog log = new EventLog(directory, settings, clock, segments, active, size, nextSequence);
            log.reportDamagedRanges(newest, scan);
            return log;
        } catch (IOException | RuntimeException e) {
            active.close();
            throw e;
        }
    }

    private static Optional<Long> lastSequence(SegmentScan scan) {
        for (int i = scan.frames().size() - 1; i >= 0; i--) {
            Optional<LoggedEvent> event = scan.event(scan.frames().get(i));
            if (event.isPresent()) {
                return Optional.of(event.get().sequence());
            }
        }
        return Optional.empty();
    }

    /**
     * Records {@code event}, durably: when this returns the event is on disk. Returns the event's timestamp, the
     * clock's time when it was recorded.
     */
    public synchronized Instant append(Event event) throws IOException {
        return appendAll(List.of(event));
    }

    /**
     * Records {@code events} in this order, durably and with one sync for them all (one per segment should they fill
     * one): when this returns they are all on disk. A restore records its hundred adoptions so, not with a sync each.
     * Returns their timestamp, the clock's time when they were recorded.
     */
    public synchronized Instant appendAll(List<Event> events) throws IOException {
        if (closed) {
            throw new IOException("the event log in " + directory + " is closed");
        }
        Instant now = clock.instant();
        List<LoggedEvent> group = new ArrayList<>();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (Event event : events) {
            LoggedEvent logged = new LoggedEvent(nextSequence + group.size(),
                    new Data.EventEntry(now, Objects.requireNonNull(event, "event")));
            byte[] record = EventRecord.encode(logged);
            long size = activeSize + records.size();
            if (size > 0 && size + record.length > settings.maxSegmentBytes()) {
                writeDurably(group, records.toByteArray());
                group.clear();
                records.reset();
                rotate();
            }
            records.writeBytes(record);
            group.add(logged);
        }
        writeDurably(group, records.toByteArray());
        return now;
    }

    /** Appends {@code records}, the encoded {@code group}, to the active segment and syncs it; all or none. */
    private void writeDurably(List<LoggedEvent> group, byte[] records) throws IOException {
        if (group.isEmpty()) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(records);
            while (buffer.hasRemaining()) {
                active.write(buffer, activeSize + buffer.position());
            }
            active.force(false);
        } catch (IOException e) {
            discardPartialRecord(e);
            throw new IOException(group.size() == 1
                    ? "cannot record the event in " + directory + " (" + e.getMessage() + "); it was not recorded"
                    : "cannot record " + group.size() + " events in " + directory + " (" + e.getMessage()
                            + "); they were not recorded", e);
        }
        activeSize += records.length;
        nextSequence += group.size();
        for (LoggedEvent logged : group) {
            for (EventSubscription subscription : subscriptions) {
                subscription.offer(logged);
            }
        }
    }

    /**
     * Reads every segment but the one being written and reports the damage they hold, as a query reading them would
     * (each damaged range once per run). The daemon runs it once it serves, on a thread of its own.
     */
    public void reportDamage() throws IOException {
        List<SegmentView> views = snapshot();
        for (SegmentView view : views.subList(0, views.size() - 1)) {
            scan(view);
        }
    }

    /** The kept events {@code query} asks for that {@code tenant} may see, oldest first. */
    public List<Data.EventEntry> query(org.albatross.protocol.Path tenant, EventQuery query) throws IOException {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(query, "query");
        return read(snapshot(), tenant, query);
    }

    /** Streams {@code tenant}'s new events to {@code receiver} until the subscription is closed. */
    public EventSubscription subscribe(org.albatross.protocol.Path tenant, EventReceiver receiver) {
        return subscribe(tenant, new EventQuery.Last(0), receiver);
    }

    /**
     * Streams to {@code receiver} first the kept events {@code history} asks for, then every new one, with neither a
     * gap nor a repeat between the two: both are taken at the same instant of the log.
     */
    public synchronized EventSubscription subscribe(org.albatross.protocol.Path tenant, EventQuery history,
            EventReceiver receiver) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(history, "history");
        List<SegmentView> snapshot = snapshot();
        EventSubscription subscription = new EventSubscription(tenant, receiver, settings.subscriberBacklog(), () -> {
            try {
                return read(snapshot, tenant, history);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, subscriptions::remove);
        if (closed) {
            subscription.close();
            return subscription;
        }
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    /** Closes every subscription and the segment being written; later appends fail. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.forEach(EventSubscription::close);
        active.close();
    }

    /** A segment as far as it is written at one instant: later appends go past {@code length}. */
    private record SegmentView(Segment segment, long length) {
    }

    private synchronized List<SegmentView> snapshot() {
        List<SegmentView> views = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            views.add(new SegmentView(segment, segment == segments.getLast() ? activeSize : Long.MAX_VALUE));
        }
        return views;
    }

    private List<Data.EventEntry> read(List<SegmentView> views, org.albatross.protocol.Path tenant, EventQuery query)
            throws IOException {
        if (query instanceof EventQuery.Since since) {
            List<Data.EventEntry> found = new ArrayList<>();
            for (SegmentView view : views) {
                SegmentScan scan = scan(view);
                for (SegmentScan.Frame frame : scan.frames()) {
                    decode(view.segment(), scan, frame)
                            .filter(entry -> !entry.timestamp().isBefore(since.since())
                                    && EventVisibility.visibleTo(entry.event(), tenant))
                            .ifPresent(found::add);
                }
            }
            return found;
        }
        int count = ((EventQuery.Last) query).count();
        Deque<Data.EventEntry> last = new ArrayDeque<>();
        for (int i = views.size() - 1; i >= 0 && last.size() < count; i--) {
            SegmentScan scan = scan(views.get(i));
            List<SegmentScan.Frame> frames = scan.frames();
            // newest first, decoding only as many records as the answer needs
            for (int j = frames.size() - 1; j >= 0 && last.size() < count; j--) {
                decode(views.get(i).segment(), scan, frames.get(j))
                        .filter(entry -> EventVisibility.visibleTo(entry.event(), tenant))
                        .ifPresent(last::addFirst);
            }
        }
        return List.copyOf(last);
    }

    private SegmentScan scan(SegmentView view) throws IOException {
        byte[] bytes;
        try {
            bytes = readUpTo(view.segment().file(), view.length());
        } catch (NoSuchFileException retiredMeanwhile) {
            bytes = new byte[0];
        }
        SegmentScan scan = SegmentScan.of(bytes);
        report(view.segment(), scan);
        return scan;
    }

    private Optional<Data.EventEntry> decode(Segment segment, SegmentScan scan, SegmentScan.Frame frame) {
        Optional<LoggedEvent> event = scan.event(frame);
        if (event.isEmpty() && reportedDamage.add(segment.file() + "@" + frame.offset())) {
            LOG.error("event log {}: skipping the record at offset {}: its checksum matches but it is not an event "
                    + "entry", segment.file(), frame.offset());
        }
        return event.map(LoggedEvent::entry);
    }

    private static byte[] readUpTo(Path file, long limit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = Math.min(channel.size(), limit);
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException("event log segment " + file + " has " + length
                        + " bytes, more than a segment can hold");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, buffer.position()) < 0) {
                    break;
                }
            }
            return buffer.array();
        }
    }

    /** Logs each damaged range once per run of the daemon, however often it is read past. */
    private void report(Segment segment, SegmentScan scan) {
        reportDamagedRanges(segment, scan);
        if (scan.hasTail() && reportedDamage.add(segment.file() + "@" + scan.end())) {
            LOG.error("event log {}: skipping damaged bytes after offset {} ({}); the events they held are lost",
                    segment.file(), scan.end(), scan.tail());
        }
    }

    /** The damaged ranges alone: at open, the newest segment's tail is truncated (and said so) instead. */
    private void reportDamagedRanges(Segment segment, SegmentScan scan) {
        for (SegmentScan.Damage damage : scan.damage()) {
            if (reportedDamage.add(segment.file() + "@" + damage.offset())) {
                LOG.error("event log {}: skipping {} damaged bytes at offset {} ({}); the events they held are lost",
                        segment.file(), damage.length(), damage.offset(), damage.reason());
            }
        }
    }

    private void rotate() throws IOException {
        Segment next = Segment.in(directory, nextSequence);
        FileChannel channel = createSegment(next);
        active.close();
        active = channel;
        activeSize = 0;
        segments.addLast(next);
        boolean retired = false;
        while (segments.size() > settings.retainedSegments()) {
            Segment oldest = segments.removeFirst();
            Files.deleteIfExists(oldest.file());
            LOG.info("event log: retired {} (retention keeps {} segments)", oldest.file(),
                    settings.retainedSegments());
            retired = true;
        }
        if (retired) {
            AtomicFile.syncDirectory(directory);
        }
    }

    private void discardPartialRecord(IOException cause) {
        try {
            active.truncate(activeSize);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Opens {@code segment} for writing, creating it durably. It may exist already, empty, if a rotation failed or
     * crashed right after creating it: its sequence number was never used.
     */
    private static FileChannel createSegment(Segment segment) throws IOException {
        FileChannel channel = PrivateFiles.open(segment.file(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            AtomicFile.syncDirectory(segment.file().getParent());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    static List<Segment> existingSegments(Path directory) throws IOException {
        List<Segment> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Segment.named(file).ifPresentOrElse(found::add,
                        () -> LOG.warn("event log: ignoring {}, which is not a segment file", file));
            }
        }
        // written out: Comparator's combinators make serializable lambdas, which no class-data archive holds
        found.sort((a, b) -> Long.compare(a.firstSequence(), b.firstSequence()));
        return found;
    }
}

package org.albatross.daemon.events;

/**
 * How the event log rotates and how much it keeps: a segment is closed once the next record would take it past
 * {@code maxSegmentBytes} (a record larger than that gets a segment of its own), and only the newest
 * {@code retainedSegments} segments, the one being written included, are kept. A subscription keeps at most
 * {@code subscriberBacklog} new events while its history is delivered; beyond that it loses the newest ones, counted
 * in {@link EventSubscription#dropped()}.
 */
public record EventLogSettings(long maxSegmentBytes, int retainedSegments, int subscriberBacklog) {
    public static final EventLogSettings DEFAULT = new EventLogSettings(4L << 20, 16);
    static final int DEFAULT_SUBSCRIBER_BACKLOG = 1024;

    public EventLogSettings {
        if (maxSegmentBytes < 1) {
            throw new IllegalArgumentException("an event log segment must be allowed at least one byte, not "
                    + maxSegmentBytes);
        }
        if (retainedSegments < 1) {
            throw new IllegalArgumentException("the event log must retain at least the segment it writes, not "
                    + retainedSegments);
        }
        if (subscriberBacklog < 1) {
            throw new IllegalArgumentException("an event subscriber's backlog must hold at least one event, not "
                    + subscriberBacklog);
        }
    }

    public EventLogSettings(long maxSegmentBytes, int retainedSegments) {
        this(maxSegmentBytes, retainedSegments, DEFAULT_SUBSCRIBER_BACKLOG);
    }
}

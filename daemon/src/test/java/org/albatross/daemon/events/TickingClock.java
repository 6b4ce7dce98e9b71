package org.albatross.daemon.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one second each time it is read, so every event gets its own, predictable, time. */
final class TickingClock extends Clock {
    static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
    private final AtomicLong reads = new AtomicLong();

    /** The time the {@code n}th read (from 0) returns. */
    static Instant tick(long n) {
        return START.plusSeconds(n);
    }

    @Override
    public Instant instant() {
        return tick(reads.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock stays in UTC");
    }
}

package org.albatross.daemon.events;

import java.util.ArrayList;
import java.util.List;
import org.albatross.protocol.Data;

/** A subscriber for tests: keeps every event it is given, or as many as {@code room} and then refuses new ones. */
class Received implements EventReceiver {
    private final List<Data.EventEntry> entries = new ArrayList<>();
    private final int room;

    Received() {
        this(Integer.MAX_VALUE);
    }

    Received(int room) {
        this.room = room;
    }

    @Override
    public synchronized void put(Data.EventEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized boolean offer(Data.EventEntry entry) {
        return entries.size() < room && entries.add(entry);
    }

    synchronized List<Data.EventEntry> all() {
        return List.copyOf(entries);
    }
}

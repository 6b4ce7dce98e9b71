package org.albatross.daemon.events;

import java.util.Objects;
import org.albatross.protocol.Data;

/** An event as the log keeps it: its sequence number (1, 2, ... over the log's life) and the entry. */
public record LoggedEvent(long sequence, Data.EventEntry entry) {
    public LoggedEvent {
        Objects.requireNonNull(entry, "entry");
    }
}

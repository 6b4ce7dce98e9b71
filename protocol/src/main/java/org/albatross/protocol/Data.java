package org.albatross.protocol;

import java.time.Instant;
import java.util.Objects;

/** One element of a stream that follows a success reply. */
public sealed interface Data extends Payload {
    record StatisticsSample(Statistics statistics) implements Data {
        public StatisticsSample {
            Objects.requireNonNull(statistics, "statistics");
        }
    }

    /** An entry of our event log (extension). */
    record EventEntry(Instant timestamp, Event event) implements Data {
        public EventEntry {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(event, "event");
        }
    }

    record ConsoleLine(Instant timestamp, String line) implements Data {
        public ConsoleLine {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(line, "line");
        }
    }

    /** A piece of a block device's data or of a streamed image. */
    record BlockChunk(Octets bytes) implements Data {
        public BlockChunk {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** The end of a block device's data. */
    record BlockEnd() implements Data {
    }
}

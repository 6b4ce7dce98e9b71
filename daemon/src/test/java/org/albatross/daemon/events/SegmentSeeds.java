package org.albatross.daemon.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;

/**
 * The Jazzer seed corpus of {@link SegmentScanFuzzTest}: segment files our own writer produces, whole and damaged
 * the ways a crash or a bad disk damages them. {@code main(directory)} writes them; {@link SegmentSeedsTest} checks
 * the committed ones are current.
 */
final class SegmentSeeds {
    static final String DIRECTORY = "src/test/resources/org/albatross/daemon/events/SegmentScanFuzzTestInputs/"
            + "anyBytesScanToAValidPrefixAndReportedDamage";

    private SegmentSeeds() {
    }

    static Map<String, byte[]> seeds() {
        byte[] first = record(1, new Event.Startup());
        byte[] second = record(2, EventLogTest.refused(1, "a:b"));
        byte[] third = record(3, new Event.UnikernelRestart(Name.parse("a:web")));
        byte[] whole = concat(first, second, third);
        byte[] flipped = whole.clone();
        flipped[first.length + EventRecord.HEADER + 3] ^= 0x01;
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("empty", new byte[0]);
        seeds.put("three-records", whole);
        seeds.put("torn-tail", concat(whole, Arrays.copyOf(first, first.length / 2)));
        seeds.put("garbage-between-records", concat(first, "not a record!".getBytes(), third));
        seeds.put("bit-flip-in-the-middle", flipped);
        seeds.put("huge-length", concat(new byte[] {0x7f, -1, -1, -1, 0, 0, 0, 0}, first));
        seeds.put("zeros-after-a-record", concat(first, new byte[64]));
        return seeds;
    }

    public static void main(String[] arguments) throws IOException {
        Path directory = Path.of(arguments.length > 0 ? arguments[0] : DIRECTORY);
        Files.createDirectories(directory);
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            Files.write(directory.resolve(seed.getKey()), seed.getValue());
        }
    }

    private static byte[] record(long sequence, Event event) {
        return EventRecord.encode(new LoggedEvent(sequence, new Data.EventEntry(TickingClock.tick(sequence), event)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

package org.albatross.daemon.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The name a file of the daemon's gets when it is set aside rather than overwritten or deleted (a damaged state file,
 * albatross's state file after an import): {@code NAME.WHY-TIME} beside it, the time in UTC to the millisecond
 * ({@code state.corrupt-20261124T235901.250Z}), with {@code -2}, {@code -3} ... when that name is taken.
 *
 * <p>A class of its own so that the formatter is set up only when a file is set aside: built at every start, where
 * its users are loaded, it cost milliseconds of the daemon's main thread (docs/performance.md, "Session 9").
 */
public final class AsideName {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AsideName() {
    }

    /** A name beside {@code file} that nothing has yet, for setting it aside {@code why} at {@code when}. */
    public static Path beside(Path file, String why, Instant when) {
        String base = file.getFileName() + "." + why + "-" + TIME.format(when);
        Path aside = file.resolveSibling(base);
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling(base + "-" + n);
        }
        return aside;
    }
}

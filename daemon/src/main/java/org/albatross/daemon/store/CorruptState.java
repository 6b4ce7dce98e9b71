package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A state file failed its integrity check. It has been moved aside to {@link #movedTo()} so that nothing overwrites
 * it; the message says what was wrong and how to proceed.
 */
public final class CorruptState extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path movedTo;
    private final String problem;

    CorruptState(String message, Path movedTo, String problem) {
        super(message);
        this.movedTo = Objects.requireNonNull(movedTo, "movedTo");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Where the damaged file now lies, for inspection. */
    public Path movedTo() {
        return movedTo;
    }

    /** What the integrity check found, e.g. a checksum mismatch or a file cut short. */
    public String problem() {
        return problem;
    }
}

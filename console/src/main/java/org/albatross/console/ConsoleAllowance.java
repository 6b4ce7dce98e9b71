package org.albatross.console;

import java.util.Objects;
import org.albatross.protocol.Path;

/**
 * How many consoles the unikernels at or under {@code path} may keep: one more than the {@code unikernels} its
 * policy lets run there, so that the one that stopped last can still be read beside a full set of running ones.
 *
 * @param path a path that has a policy
 * @param unikernels how many unikernels that policy allows
 */
public record ConsoleAllowance(Path path, int unikernels) {
    public ConsoleAllowance {
        Objects.requireNonNull(path, "path");
        if (unikernels < 0) {
            throw new IllegalArgumentException("a policy allows 0 or more unikernels, not " + unikernels);
        }
    }

    /** The consoles kept at or under the path: the policy's unikernels and one more, at most {@code int}'s range. */
    public int consoles() {
        return unikernels == Integer.MAX_VALUE ? Integer.MAX_VALUE : unikernels + 1;
    }
}

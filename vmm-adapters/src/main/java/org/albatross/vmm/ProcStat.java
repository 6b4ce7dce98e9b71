package org.albatross.vmm;

import java.util.Optional;

/**
 * A line of Linux's {@code /proc/PID/stat} (or a thread's, {@code /proc/PID/task/TID/stat}), read by its fields as
 * proc(5) numbers them: 1 the pid, 2 the command name in parentheses, which may itself hold spaces and parentheses,
 * so that the fields after it are found from the last {@code ')'}, then one space between each. Pure: the caller
 * reads the file. Each read finds its one field, not all 52 split into strings (a restore reads one a tender, while
 * its code runs interpreted).
 */
public final class ProcStat {
    /** The state, the first field after the name. */
    private static final int FIRST_AFTER_NAME = 3;

    private ProcStat() {
    }

    /** The command name (field 2) without its parentheses, as the kernel keeps it (15 characters); empty if none. */
    public static Optional<String> name(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        return open < 0 || close < open ? Optional.empty() : Optional.of(stat.substring(open + 1, close));
    }

    /** Field {@code number} (3 or more) as text; empty if the line has no name or is shorter. */
    public static Optional<String> field(String stat, int number) {
        if (number < FIRST_AFTER_NAME) {
            throw new IllegalArgumentException("field " + number + " is the pid or the name");
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        int start = close + 2;
        for (int skipped = FIRST_AFTER_NAME; skipped < number; skipped++) {
            int space = stat.indexOf(' ', start);
            if (space < 0) {
                return Optional.empty();
            }
            start = space + 1;
        }
        if (start >= stat.length()) {
            return Optional.empty();
        }
        int end = stat.indexOf(' ', start);
        return Optional.of(stat.substring(start, end < 0 ? stat.length() : end).strip());
    }
}

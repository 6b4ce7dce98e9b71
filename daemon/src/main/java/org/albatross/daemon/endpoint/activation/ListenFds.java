package org.albatross.daemon.endpoint.activation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The descriptors systemd passed to this process, as sd_listen_fds_with_names(3) reads them: {@code LISTEN_PID} must
 * be this process (else they were meant for another, and none are ours), {@code LISTEN_FDS} counts them from
 * descriptor 3 on, and {@code LISTEN_FDNAMES}, when set, names each ({@code FileDescriptorName=} of its socket unit,
 * {@code systemd-socket-activate --fdname}), colon-separated. A variable that is set but malformed is refused, as
 * libsystemd refuses it, rather than read as "no sockets".
 *
 * @param fds the passed descriptors in order; empty when none are for this process
 */
public record ListenFds(List<ListenFd> fds) {
    /** The first passed descriptor ({@code SD_LISTEN_FDS_START}). */
    private static final int FIRST = 3;
    /** The name of a descriptor that systemd did not name, as sd_listen_fds_with_names(3) gives it. */
    public static final String UNNAMED = "unknown";
    public static final ListenFds NONE = new ListenFds(List.of());
    /** More than any socket unit passes; a larger count is a damaged variable, not a list of sockets. */
    private static final int MOST = 1024;

    /** One passed descriptor and its name. */
    public record ListenFd(int fd, String name) {
        @Override
        public String toString() {
            return "descriptor " + fd + (UNNAMED.equals(name) ? "" : " (" + name + ")");
        }
    }

    public ListenFds {
        fds = List.copyOf(fds);
    }

    /** The descriptors passed to process {@code pid} by {@code environment}; {@link #NONE} when they are not its. */
    public static ListenFds read(Map<String, String> environment, long pid) throws ActivationRefused {
        String listenPid = environment.get("LISTEN_PID");
        if (listenPid == null || number("LISTEN_PID", listenPid) != pid) {
            return NONE;
        }
        String listenFds = environment.get("LISTEN_FDS");
        if (listenFds == null) {
            return NONE;
        }
        long count = number("LISTEN_FDS", listenFds);
        if (count < 1 || count > MOST) {
            throw new ActivationRefused("LISTEN_FDS is " + listenFds + ": systemd passes 1 to " + MOST
                    + " sockets");
        }
        List<String> names = names(environment.get("LISTEN_FDNAMES"), (int) count);
        List<ListenFd> fds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fds.add(new ListenFd(FIRST + i, names.get(i)));
        }
        return new ListenFds(fds);
    }

    public boolean isEmpty() {
        return fds.isEmpty();
    }

    private static List<String> names(String listenFdNames, int count) throws ActivationRefused {
        if (listenFdNames == null) {
            return Collections.nCopies(count, UNNAMED);
        }
        List<String> names = Arrays.asList(listenFdNames.split(":", -1));
        if (names.size() != count) {
            throw new ActivationRefused("LISTEN_FDNAMES names " + names.size() + " sockets (" + listenFdNames
                    + "), LISTEN_FDS passes " + count);
        }
        return names;
    }

    private static long number(String variable, String value) throws ActivationRefused {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ActivationRefused(variable + " is \"" + value + "\", not a number");
        }
    }
}

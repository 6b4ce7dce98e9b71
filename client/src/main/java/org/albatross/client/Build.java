package org.albatross.client;

import java.util.Objects;

/**
 * A build in a builder-web repository: its job and its UUID, as builder-web names it in its paths
 * ({@code /job/JOB/build/UUID}). Pure: the paths albatross's {@code update} asks for, and the one rule by which it
 * reads a redirect's {@code Location}.
 */
record Build(String job, String uuid) {
    Build {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(uuid, "uuid");
    }

    /** The build of a {@code Location} such as {@code /job/hello/build/UUID} (a trailing '/' allowed), as albatross. */
    static Build ofLocation(String location) {
        String path = location.replaceFirst("^[a-z]+://[^/]+", "");
        String[] parts = path.split("/", -1);
        boolean trailing = parts.length == 6 && parts[5].isEmpty();
        if ((parts.length == 5 || trailing) && parts[0].isEmpty() && parts[1].equals("job") && !parts[2].isEmpty()
                && parts[3].equals("build") && !parts[4].isEmpty()) {
            return new Build(parts[2], parts[4]);
        }
        throw new IllegalArgumentException("expected '/job/<jobname>/build/<uuid>', got: " + location);
    }

    /** Where builder-web answers which build made an image: a redirect to that build, or 404. */
    static String hashPath(String sha256Hex) {
        return "/hash?sha256=" + sha256Hex;
    }

    /** Where builder-web redirects to the latest successful build of {@code job}. */
    static String latestPath(String job) {
        return "/job/" + job + "/build/latest";
    }

    /** Where builder-web redirects to this build's main binary, the unikernel image. */
    String mainBinaryPath() {
        return "/job/" + job + "/build/" + uuid + "/main-binary";
    }

    /** The page of builder-web that compares two builds of a job. */
    static String comparePath(Build current, Build next) {
        return "/compare/" + current.uuid() + "/" + next.uuid();
    }
}

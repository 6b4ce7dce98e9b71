package org.albatross.vmm;

import java.util.List;

/** A host command that could not be started or exited non-zero; the message holds its output. */
public final class HostCommandFailed extends Exception {
    private static final long serialVersionUID = 1L;

    public HostCommandFailed(List<String> argv, String reason) {
        super("`" + String.join(" ", argv) + "` " + reason);
    }
}

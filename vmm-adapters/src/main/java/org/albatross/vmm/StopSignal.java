package org.albatross.vmm;

/** The signals the daemon sends to stop a tender: first a polite one, then, after a grace period, a final one. */
public enum StopSignal {
    TERM(15),
    KILL(9);

    private final int number;

    StopSignal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The status Java reports for a process this signal ended: 128 plus the signal number. */
    int javaExitStatus() {
        return 128 + number;
    }
}

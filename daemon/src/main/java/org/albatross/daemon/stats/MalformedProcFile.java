package org.albatross.daemon.stats;

/** A file under /proc or /sys did not read as the kernel writes it; the message names the file and the field. */
public final class MalformedProcFile extends Exception {
    public MalformedProcFile(String message) {
        super(message);
    }
}

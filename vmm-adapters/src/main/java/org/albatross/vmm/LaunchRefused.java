package org.albatross.vmm;

/** A launch plan that cannot be made: an option the backend lacks, or a host resource that is missing. */
public final class LaunchRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public LaunchRefused(String message) {
        super(message);
    }
}

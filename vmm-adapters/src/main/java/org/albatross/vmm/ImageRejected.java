package org.albatross.vmm;

/**
 * An image that cannot be run as asked: not a Solo5 ELF, a broken note, a target without an adapter,
 * an ABI the tender does not speak, or devices that differ from the requested ones. The message says
 * which and what to change.
 */
public final class ImageRejected extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageRejected(String message) {
        super(message);
    }
}

package org.albatross.policy;

/**
 * A block device under a path: its size, and whether a running unikernel has it attached.
 *
 * @param sizeMb its size in MB, counted against block storage whether attached or not
 * @param active whether a running unikernel has it attached
 */
public record BlockDevice(long sizeMb, boolean active) {
    public BlockDevice {
        if (sizeMb < 0) {
            throw new IllegalArgumentException("block device size must not be negative, got " + sizeMb + " MB");
        }
    }

    BlockDevice withActive(boolean nowActive) {
        return new BlockDevice(sizeMb, nowActive);
    }
}

package org.albatross.policy;

/**
 * A block device under a path: its size, and whether a running unikernel has it attached.
 *
 * @param sizeMb its size in MB, counted against block storage whether attached or not; at least
 *        {@link #MINIMUM_SIZE_MB}
 * @param active whether a running unikernel has it attached
 */
public record BlockDevice(long sizeMb, boolean active) {
    /**
     * The smallest block device. Albatross sets none; ours is 1 MB so that every device, each a file and an entry in
     * the state, takes some of its tenant's block storage: a policy of N MB holds at most N devices.
     */
    public static final long MINIMUM_SIZE_MB = 1;

    public BlockDevice {
        if (sizeMb < MINIMUM_SIZE_MB) {
            throw new IllegalArgumentException("a block device takes at least " + MINIMUM_SIZE_MB + " MB, got "
                    + sizeMb + " MB");
        }
    }

    BlockDevice withActive(boolean nowActive) {
        return new BlockDevice(sizeMb, nowActive);
    }
}

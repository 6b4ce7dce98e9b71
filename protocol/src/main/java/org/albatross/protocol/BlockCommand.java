package org.albatross.protocol;

/** Commands for block devices. */
public sealed interface BlockCommand extends Command {
    record Info() implements BlockCommand {
    }

    /** Create a block device of {@code sizeMb} megabytes. */
    record Add(long sizeMb) implements BlockCommand {
        public Add {
            Checks.nonNegative(sizeMb, "block size (MB)");
        }
    }

    record Remove() implements BlockCommand {
    }

    /** Fetch the device's data, compressed at {@code compressionLevel} (0 = not compressed). */
    record Dump(int compressionLevel) implements BlockCommand {
        public Dump {
            Checks.nonNegative(compressionLevel, "compression level");
        }
    }

    /** Replace the device's data with the stream that follows; {@code compressed} says how it comes. */
    record Set(boolean compressed) implements BlockCommand {
    }
}

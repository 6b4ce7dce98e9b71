package org.albatross.protocol;

import java.util.Objects;
import java.util.Optional;

/** Commands for unikernels. */
public sealed interface UnikernelCommand extends Command {
    /** Information about every unikernel at or under the header's name. */
    record Info() implements UnikernelCommand {
    }

    record Create(UnikernelConfig config) implements UnikernelCommand {
        public Create {
            Objects.requireNonNull(config, "config");
        }
    }

    /** Create, destroying a unikernel of the same name first. */
    record ForceCreate(UnikernelConfig config) implements UnikernelCommand {
        public ForceCreate {
            Objects.requireNonNull(config, "config");
        }
    }

    /** Restart with the unikernel's own arguments, or with new ones. */
    record Restart(Optional<UnikernelArguments> arguments) implements UnikernelCommand {
        public Restart {
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    record Destroy() implements UnikernelCommand {
    }

    /** Fetch the image, compressed at {@code compressionLevel} (0 = not compressed). */
    record Get(int compressionLevel) implements UnikernelCommand {
        public Get {
            Checks.nonNegative(compressionLevel, "compression level");
        }
    }
}

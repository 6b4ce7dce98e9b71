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

    /**
     * Our extension: force-create {@code config} in place of the running unikernel, keeping what it ran (image and
     * configuration) for a rollback; with a {@code watch}, the daemon judges the new image and rolls back by itself if
     * it fails. albatross's daemon knows no such command (docs/protocol.md "Updates").
     */
    record Update(UnikernelConfig config, Optional<HealthWatch> watch) implements UnikernelCommand {
        public Update {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(watch, "watch");
        }
    }

    /** Our extension: run again what the unikernel ran before its last update (or rollback), keeping what it runs. */
    record Rollback() implements UnikernelCommand {
    }
}

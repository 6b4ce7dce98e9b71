package org.albatross.protocol;

import java.util.Objects;

/** Commands for policies (the tenant at the header's path). */
public sealed interface PolicyCommand extends Command {
    record Info() implements PolicyCommand {
    }

    record Add(Policy policy) implements PolicyCommand {
        public Add {
            Objects.requireNonNull(policy, "policy");
        }
    }

    record Remove() implements PolicyCommand {
    }
}

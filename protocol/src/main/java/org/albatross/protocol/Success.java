package org.albatross.protocol;

import java.util.List;
import java.util.Objects;

/** A success reply; streams (console, statistics, events, block dump) answer one before their data. */
public sealed interface Success extends Payload {
    record Empty() implements Success {
    }

    /** A reply in words, e.g. "destroyed". */
    record Message(String text) implements Success {
        public Message {
            Objects.requireNonNull(text, "text");
        }
    }

    record Policies(List<NamedPolicy> policies) implements Success {
        public Policies {
            Checks.noNulls(policies, "policies");
            policies = List.copyOf(policies);
        }
    }

    record NamedPolicy(Name name, Policy policy) {
        public NamedPolicy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
        }
    }

    record BlockDevices(List<BlockDevice> devices) implements Success {
        public BlockDevices {
            devices = List.copyOf(devices);
        }
    }

    /** A block device: its name, its size in MB and whether a unikernel uses it. */
    record BlockDevice(Name name, long sizeMb, boolean active) {
        public BlockDevice {
            Objects.requireNonNull(name, "name");
            Checks.nonNegative(sizeMb, "size (MB)");
        }
    }

    /** The answer to {@link UnikernelCommand.Get}. */
    record UnikernelImage(boolean compressed, Octets image) implements Success {
        public UnikernelImage {
            Objects.requireNonNull(image, "image");
        }
    }

    /** The answer to {@link BlockCommand.Dump}: the data follows as block chunks, compressed or not. */
    record BlockDeviceImage(boolean compressed) implements Success {
    }

    /** Names of consoles kept after their unikernel went away. */
    record Consoles(List<Name> names) implements Success {
        public Consoles {
            names = List.copyOf(names);
        }
    }

    record UnikernelInfos(List<NamedUnikernelInfo> unikernels) implements Success {
        public UnikernelInfos {
            unikernels = List.copyOf(unikernels);
        }
    }

    record NamedUnikernelInfo(Name name, UnikernelInfo info) {
        public NamedUnikernelInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(info, "info");
        }
    }
}

package org.albatross.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an albatross daemon persists in {@code <dbdir>/state} (its "dump file"): the unikernels with their images and,
 * since albatross 1.4, the policies. One DER value, a CHOICE whose tag is the form it was written in (albatross's
 * {@code Vmm_asn.state}); albatross always writes the newest, {@link Form#V5_WITH_POLICIES}, and reads them all.
 */
public record AlbatrossState(Form form, List<Unikernel> unikernels, Map<Path, Policy> policies) {
    public AlbatrossState {
        Objects.requireNonNull(form, "form");
        unikernels = List.copyOf(unikernels);
        policies = Map.copyOf(policies);
    }

    /**
     * The forms of the state, by the tag albatross gives each: the tries of unikernel configs of albatross 1.x
     * ({@code [0]}-{@code [3]}, configs in the layouts v1, v0, v2, v3) and the pairs of unikernels and policies
     * ({@code [4]} v3 configs, {@code [5]} v4, {@code [6]} the current configs, which albatross 2.x writes).
     */
    public enum Form {
        V1_UNIKERNELS(0, "unikernels, v1 configs (albatross 1.x)"),
        V0_UNIKERNELS(1, "unikernels, v0 configs (albatross 1.x)"),
        V2_UNIKERNELS(2, "unikernels, v2 configs (albatross 1.x)"),
        V3_UNIKERNELS(3, "unikernels, v3 configs (albatross 1.x)"),
        V3_WITH_POLICIES(4, "unikernels (v3 configs) and policies (albatross 1.x)"),
        V4_WITH_POLICIES(5, "unikernels (v4 configs) and policies (albatross 1.5 and later)"),
        V5_WITH_POLICIES(6, "unikernels and policies (albatross 2.x)");

        private final int tag;
        private final String description;

        Form(int tag, String description) {
            this.tag = tag;
            this.description = description;
        }

        /** The tag of the state's outer CHOICE that marks this form. */
        public int tag() {
            return tag;
        }

        /** Whether the form holds policies beside the unikernels. */
        public boolean holdsPolicies() {
            return tag >= V3_WITH_POLICIES.tag;
        }

        @Override
        public String toString() {
            return "[" + tag + "] " + description;
        }
    }

    /** One entry of the state, as it is read: a unikernel with its image, or a policy. */
    public sealed interface Entry {
    }

    /** A unikernel and its config, the image inside (compressed when the config says so). */
    public record Unikernel(Name name, UnikernelConfig config) implements Entry {
        public Unikernel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
        }
    }

    /** The policy of the tenant at {@code path}. */
    public record PolicyAt(Path path, Policy policy) implements Entry {
        public PolicyAt {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(policy, "policy");
        }
    }
}
